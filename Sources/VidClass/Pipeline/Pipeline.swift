import FrameSampling
import ModelCore
import VideoDecoding

/// The one road from an open video to features: sample, decode, convert, run the backbone.
///
/// Every task goes through ``embed(_:sampling:seek:inputName:keepPictures:)`` — classify, features, training,
/// eval and timeline — so they find the same frames and compute the same features for the same model, video and
/// options. What differs between model families is asked of the bundle's architecture; there are three ways to
/// run, chosen here and nowhere else:
///
/// - **an image backbone on a seekable input**: each frame goes through the network on the thread that decoded
///   it, while other GOPs decode (`Pipeline+PerFrameWhileDecoding.swift`);
/// - **an image backbone on a stream** read front to back: ``featureBatchSize`` frames at a time as
///   decoding goes on, so memory stays bounded whatever the sampling;
/// - **a clip network** (I3D): every sampled frame is converted, then each clip goes through the network whole
///   (``ModelBundle/backboneFeatures(of:framesPerClip:in:)``); each output row is attributed to the frame at its
///   centre within its clip.
///
/// ```swift
/// let clip = try Pipeline(bundle: bundle, compute: .process).embed(reader, sampling: .uniform(frames: 16), seek: .exact,
///                                               inputName: "clip.mp4", keepPictures: false)
/// clip.features.features.shape   // [16, 1280]
/// ```
struct Pipeline {
    let bundle: ModelBundle
    /// The threads the backbone computes on.
    var compute: ComputeContext

    /// Frames converted per backbone call on a stream: enough to keep the convolutions efficient, few enough
    /// that memory stays bounded (16 × 224² × 3 floats ≈ 10 MB) however many frames a timeline needs.
    static let featureBatchSize = 16

    /// Samples `reader`'s video with `sampling`, decodes with `seek`, and runs the backbone; `inputName` names
    /// the video in errors. Pictures of the sampled frames are kept only when `keepPictures`.
    func embed(
        _ reader: VideoReader, sampling: SamplingStrategy, seek: SeekMode, inputName: String, keepPictures: Bool
    ) throws -> EmbeddedClip {
        let selector = FrameSelector(strategy: sampling, seek: seek, inputName: inputName)
        if let clip = try embedPerFrameWhileDecoding(reader, selector: selector, keepPictures: keepPictures) {
            return clip
        }
        return try embedConverted(reader, selector: selector, keepPictures: keepPictures)
    }

    /// The stream and clip-network roads: frames are converted into slots as they are decoded; an image
    /// backbone runs on each full batch of slots at once, a clip network on the whole sampling at the end.
    private func embedConverted(
        _ reader: VideoReader, selector: FrameSelector, keepPictures: Bool
    ) throws -> EmbeddedClip {
        let spec = bundle.metadata.preprocess
        let isClip = bundle.metadata.architecture.family.seesClips
        let dimension = bundle.backbone.featureDimension
        var pending: [Float] = []
        var rows: [Float] = []
        var converted = 0
        func flush() throws {
            guard !pending.isEmpty else { return }
            let batch = Tensor(shape: [pending.count / spec.valuesPerFrame, spec.cropSize, spec.cropSize, 3], values: pending)
            rows += try bundle.backbone.features(batch, in: compute).values
            pending.removeAll(keepingCapacity: true)
        }
        let (selected, frameCount) = try selector.select(from: reader) { frame in
            pending += repeatElement(0, count: spec.valuesPerFrame)
            try frame.writeTensor(into: &pending, at: pending.count - spec.valuesPerFrame, spec: spec)
            converted += 1
            if !isClip, pending.count == Self.featureBatchSize * spec.valuesPerFrame { try flush() }
            return (slot: converted - 1, picture: keepPictures ? try frame.rgbImage() : nil)
        }
        let frames = selected.map { $0.with(element: $0.element.picture) }
        let features: FrameFeatures
        if isClip {
            let values = framesInSamplingOrder(pending, slots: selected.map(\.element.slot), valuesPerFrame: spec.valuesPerFrame)
            features = try clipFeatures(values, frames: frames, framesPerClip: selector.strategy.framesPerClip)
        } else {
            try flush()
            let values = selected.flatMap { rows[$0.element.slot * dimension..<($0.element.slot + 1) * dimension] }
            features = FrameFeatures(
                features: Tensor(shape: [selected.count, dimension], values: values),
                frames: selected.map { .init(index: $0.index, timestamp: $0.timestamp) }, fromCache: false)
        }
        return EmbeddedClip(frames: frames, features: features, frameCount: frameCount, backboneFrames: converted)
    }

    /// A clip network's features of the converted frames (`values`, in sampling order); each row is attributed
    /// to the frame at its centre within its own clip.
    private func clipFeatures(
        _ values: [Float], frames: [SelectedFrame<RGBImage?>], framesPerClip: Int?
    ) throws -> FrameFeatures {
        let spec = bundle.metadata.preprocess
        let batch = Tensor(shape: [frames.count, spec.cropSize, spec.cropSize, 3], values: values)
        let features = try bundle.backboneFeatures(of: batch, framesPerClip: framesPerClip, in: compute)
        let clipLength = min(framesPerClip ?? frames.count, frames.count)
        let clips = frames.count / clipLength
        let rows = features.shape[0] / clips
        let centres = (0..<clips).flatMap { clip in
            (0..<rows).map { row in clip * clipLength + min((row + 1) * clipLength / (rows + 1), clipLength - 1) }
        }
        return FrameFeatures(
            features: features, frames: centres.map { .init(index: frames[$0].index, timestamp: frames[$0].timestamp) },
            fromCache: false)
    }
}
