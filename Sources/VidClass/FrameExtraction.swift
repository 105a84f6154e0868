import FrameSampling
import VideoDecoding

/// Decodes the frames a sampling strategy picks, as RGB pictures — to see exactly what a model is shown.
///
/// ```swift
/// let frames = try FrameExtraction.extract(.path("clip.mp4"), sampling: .uniform(frames: 8))
/// for frame in frames { print(frame.index, frame.timestamp, frame.element.width) }
/// ```
public enum FrameExtraction {
    /// Which frames to extract.
    public enum Selection: Sendable, Equatable {
        /// Frames a sampling strategy picks (uniform, stride, random, explicit indices).
        case sampling(SamplingStrategy)
        /// The frame shown at each time in seconds — the first whose timestamp is at or after it, as
        /// `ffmpeg -ss T` picks (seekable inputs only).
        case times([Double])
        /// One frame every `seconds`, the nearest to each multiple of the interval after the first frame
        /// (seekable inputs only).
        case every(seconds: Double)
    }

    /// The selected frames in order.
    /// - Parameters:
    ///   - size: `nil` for the native display size (rotation applied); otherwise the model's view of the
    ///     frame: short side resized to `size`, centre-cropped to `size`×`size`.
    ///   - pipeBufferLimit: the most bytes of a pipe held in memory (``VideoDecoding/DecoderOptions/pipeBufferLimit``).
    public static func extract(
        _ input: VideoInput, selection: Selection, seek: SeekMode = .exact, size: Int? = nil,
        decoderThreads: Int = 0, pipeBufferLimit: Int = DecoderOptions.defaultPipeBufferLimit
    ) throws(VidClassError) -> [SelectedFrame<RGBImage>] {
        do {
            if let size, !(8...8192).contains(size) {
                throw VidClassError(.usage, "size (\(size)) must be between 8 and 8192 pixels.")
            }
            let reader = try VideoReader(
                input, options: DecoderOptions(threadCount: decoderThreads, pipeBufferLimit: pipeBufferLimit))
            let strategy: SamplingStrategy
            switch selection {
            case .sampling(let sampling):
                strategy = sampling
            case .times(let seconds):
                strategy = .indices(try reader.frameIndices(atTimes: seconds))
            case .every(let seconds):
                strategy = .indices(try FrameSampler.everyInterval(timestamps: reader.scanIndex().timestamps, interval: seconds))
            }
            let selector = FrameSelector(strategy: strategy, seek: seek, inputName: input.displayName)
            return try selector.select(from: reader) { frame in
                guard let size else { return try frame.rgbImage() }
                return try croppedPicture(frame, size: size)
            }.frames
        } catch {
            throw VidClassError(error)
        }
    }

    /// The frames a sampling strategy picks, in sampling order (see ``extract(_:selection:seek:size:decoderThreads:pipeBufferLimit:)``).
    public static func extract(
        _ input: VideoInput, sampling: SamplingStrategy, seek: SeekMode = .exact, size: Int? = nil,
        decoderThreads: Int = 0
    ) throws(VidClassError) -> [SelectedFrame<RGBImage>] {
        try extract(input, selection: .sampling(sampling), seek: seek, size: size, decoderThreads: decoderThreads)
    }

    /// The model's crop as 8-bit RGB: the tensor path with mean 0 and std 1 gives the resized pixel values.
    private static func croppedPicture(_ frame: DecodedFrame, size: Int) throws -> RGBImage {
        let spec = PreprocessSpec(resizeShortSide: size, cropSize: size, mean: [0, 0, 0], std: [1, 1, 1])
        var values = [Float](repeating: 0, count: size * size * 3)
        try frame.writeTensor(into: &values, at: 0, spec: spec)
        return RGBImage(width: size, height: size, pixels: values.map { UInt8(clamping: Int($0.rounded())) })
    }
}
