import VideoDecoding

/// A video opened and indexed ahead of classification: the decoding side of the work, which needs no model, so
/// it can overlap loading one.
///
/// ```swift
/// let loading = Task.detached { try VideoClassifier() }          // the model loads on another thread…
/// let video = try VideoClassifier.prepare(.path("clip.mp4"))     // …while this one opens and scans the video
/// let result = try await loading.value.classify(video)
/// ```
///
/// Not `Sendable`: it owns a decoder, which one thread uses at a time. Classifying it reads the video from its
/// start and reuses the frame index scanned here.
public final class PreparedVideo {
    let reader: VideoReader
    /// The video's name in results and errors (the path, `-` for standard input).
    public let name: String

    init(reader: VideoReader, name: String) {
        self.reader = reader
        self.name = name
    }

    /// The container and stream metadata read when the video was opened.
    public var info: VideoInfo { reader.info }
}

extension VideoClassifier {
    /// Opens `input` with `options`' decoder settings (its timeout counted from now) and, when it is seekable,
    /// scans its frame index (a damaged index is left for classification to report).
    /// - Throws: ``VidClassError`` when the input cannot be opened.
    public static func prepare(_ input: VideoInput, options: ClassifyOptions = .init()) throws(VidClassError) -> PreparedVideo {
        do {
            let reader = try VideoReader(input, options: options.decoderOptions)
            if reader.info.isSeekable { _ = try? reader.scanIndex() }
            return PreparedVideo(reader: reader, name: input.displayName)
        } catch {
            throw VidClassError(error)
        }
    }

    /// Classifies a prepared video; its own decoder settings apply (`options.decoderOptions` is not consulted).
    public func classify(_ video: PreparedVideo, options: ClassifyOptions = .init()) throws(VidClassError) -> Classification {
        try classifyKeepingFrames(video, options: options).classification
    }

    /// Classifies a prepared video and also returns the sampled frames as pictures when `options.keepFrames` is set.
    public func classifyKeepingFrames(
        _ video: PreparedVideo, options: ClassifyOptions
    ) throws(VidClassError) -> (classification: Classification, frames: [RGBImage]) {
        try classifyKeepingFrames(video.reader, inputName: video.name, options: options)
    }
}
