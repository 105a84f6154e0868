import Foundation

/// How a `VideoReader` decodes.
///
/// ```swift
/// var options = DecoderOptions(threadCount: 2)   // a batch worker's share of the cores
/// options.streamIndex = 0                          // a specific stream instead of the best one
/// ```
public struct DecoderOptions: Sendable, Equatable {
    /// Decoder threads (frame + slice threading); 0 lets FFmpeg choose from the core count.
    public var threadCount: Int
    /// Whether frames are rotated upright per the stream's display matrix (phone videos); default true.
    public var applyRotation: Bool
    /// The absolute stream index to decode; nil picks the best video stream (`av_find_best_stream`).
    public var streamIndex: Int?
    /// The largest frame (width × height, in pixels) the reader accepts, checked against the header at open
    /// time and against every decoded frame; larger ones throw `.frameTooLarge`. Default 16384², so a forged
    /// header cannot make the converter allocate gigabytes.
    public var maximumFramePixels: Int
    /// When set, opening, probing, reading and decoding throw `.timedOut` once this instant has passed. It
    /// reaches inside FFmpeg (its interrupt callback stops a probe or a resync that reads on and on), waits on
    /// pipes no longer than the time left (a silent producer ends in `.timedOut`), and is checked before every
    /// packet, so one pathological input cannot stall a batch.
    public var deadline: ContinuousClock.Instant?
    /// The most bytes of a pipe (standard input, a non-seekable `ByteSource`) held in memory. A pipe that ends
    /// within it is read like the same bytes in a file, so frames, counts and sampled indices equal the file's;
    /// a longer one is decoded once, front to back (`VideoReader.access`), and an MP4 whose index (moov) comes
    /// last cannot be read from it at all. Default 1 GiB; 0 streams every pipe.
    public var pipeBufferLimit: Int
    /// When set and raised (from any thread), opening, probing, reading and decoding throw `.cancelled`: it is
    /// looked at wherever the deadline is, so a decode stops within one packet's work.
    public var cancellation: CancellationFlag?

    /// The default `maximumFramePixels`: 16384 × 16384.
    public static let defaultMaximumFramePixels = 16384 * 16384
    /// The default `pipeBufferLimit`: 1 GiB.
    public static let defaultPipeBufferLimit = 1 << 30

    /// Creates options; the defaults suit one clip decoded at a time.
    public init(
        threadCount: Int = 0, applyRotation: Bool = true, streamIndex: Int? = nil,
        maximumFramePixels: Int = defaultMaximumFramePixels, deadline: ContinuousClock.Instant? = nil,
        pipeBufferLimit: Int = defaultPipeBufferLimit, cancellation: CancellationFlag? = nil
    ) {
        self.threadCount = threadCount
        self.applyRotation = applyRotation
        self.streamIndex = streamIndex
        self.maximumFramePixels = maximumFramePixels
        self.deadline = deadline
        self.pipeBufferLimit = pipeBufferLimit
        self.cancellation = cancellation
    }
}

extension DecoderOptions {
    /// Options for one of `concurrentDecoders` readers running at once: each gets an equal share of the
    /// `cores` (at least one thread), so a batch does not oversubscribe the machine.
    ///
    /// ```swift
    /// let options = DecoderOptions.batch(concurrentDecoders: 4)   // 8 cores → 2 threads per reader
    /// ```
    public static func batch(
        concurrentDecoders: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> DecoderOptions {
        DecoderOptions(threadCount: max(1, cores / max(1, concurrentDecoders)))
    }
}

/// How `VideoReader.readFrames` reaches a frame.
public enum SeekMode: String, Sendable, CaseIterable {
    /// Decode from the preceding keyframe up to the exact requested frame (correct, slower).
    case exact
    /// Snap each request to the nearest keyframe and decode keyframes only (fast, approximate).
    case keyframe
}
