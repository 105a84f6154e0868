import VideoDecoding

/// What a look at a video finds without running a model: its metadata and, when asked, its exact frames.
///
/// ```swift
/// let probe = try VideoProbe(.path("clip.mp4"), countingFrames: true)
/// print(probe.info.codec, probe.frameCount ?? 0, probe.keyframes?.count ?? 0)
/// ```
///
/// Cost: opening the input reads its header; counting a file is a demux-only scan (no pixels decoded). A pipe
/// longer than the pipe buffer cannot be scanned, so counting it decodes it once, front to back, and gives the
/// frame count alone. A pipe is read to its end either way, so its producer never sees it closed early.
public struct VideoProbe: Sendable, Equatable {
    /// The container and stream metadata.
    public var info: VideoInfo
    /// The exact frame count; nil unless counted.
    public var frameCount: Int?
    /// The keyframes' frame numbers; nil unless counted from a scan.
    public var keyframes: [Int]?
    /// Whether the frame durations vary; nil unless counted from a scan.
    public var isVariableFrameRate: Bool?
    /// Every frame's presentation time in seconds; nil unless counted from a scan.
    public var timestamps: [Double]?

    /// Opens `input` (a pipe held in memory up to `pipeBufferLimit` bytes) and, with `countingFrames`, counts its
    /// frames.
    /// - Throws: ``VidClassError`` when the input cannot be opened or read.
    public init(
        _ input: VideoInput, countingFrames: Bool = false,
        pipeBufferLimit: Int = DecoderOptions.defaultPipeBufferLimit
    ) throws(VidClassError) {
        do {
            let reader = try VideoReader(input, options: DecoderOptions(pipeBufferLimit: pipeBufferLimit))
            defer { reader.discardRestOfInput() }
            info = reader.info
            guard countingFrames else { return }
            guard reader.info.isSeekable else {
                var frames = 0
                try reader.forEachFrame { _ in
                    frames += 1
                    return true
                }
                frameCount = frames
                return
            }
            let index = try reader.scanIndex()
            frameCount = index.count
            keyframes = index.keyframes
            isVariableFrameRate = index.isVariableFrameRate
            timestamps = index.timestamps
        } catch {
            throw VidClassError(error)
        }
    }
}
