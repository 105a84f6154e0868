/// The one error type of VideoDecoding: what went wrong, as a category callers can switch on, and one
/// sentence for people.
///
/// Usage:
/// ```swift
/// do { let reader = try VideoReader(.path("clip.mp4")) }
/// catch let error as VideoError where error.kind == .fileNotFound { … }
/// ```
///
/// Every FFmpeg failure reaches callers as a `VideoError` built at a single choke point, so the message always
/// names the operation that failed and carries FFmpeg's own explanation (`av_strerror`).
public struct VideoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of a failure; stable, so command-line tools can map it to exit codes.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The path does not exist.
        case fileNotFound
        /// The path names a directory, not a file.
        case isDirectory
        /// The input has no bytes at all.
        case emptyInput
        /// The bytes are not in any container format FFmpeg recognises (garbage, text, unknown format).
        case notAVideo
        /// The container was read but holds no video stream (for example audio only).
        case noVideoStream
        /// The video stream's codec has no decoder in this FFmpeg build.
        case unsupportedCodec
        /// The input ends before the data it announces (cut download, pipe closed early).
        case truncated
        /// The data is damaged beyond what the decoder can skip.
        case corrupt
        /// An MP4/MOV whose index (moov) sits after the media data arrived through a pipe longer than the pipe
        /// buffer (`DecoderOptions.pipeBufferLimit`), so the index cannot be reached.
        case pipeNeedsStreamableFormat
        /// A requested frame index or time lies outside the video.
        case frameOutOfRange
        /// A parameter passed by the caller is invalid (the message names it).
        case invalidArgument
        /// Reading the input failed at the operating-system or byte-source level.
        case io
        /// A frame is larger than `DecoderOptions.maximumFramePixels` allows.
        case frameTooLarge
        /// Decoding ran past `DecoderOptions.deadline`.
        case timedOut
        /// `DecoderOptions.cancellation` was raised while the reader was working.
        case cancelled
        /// Damaged data made the decoder drop a frame the packets promised, so the reader numbered the frames
        /// again, as the decoder outputs them (`VideoReader.scanIndex()` now returns the new index): frame numbers
        /// chosen from the old count must be chosen again.
        case framesRenumbered
    }

    /// The failure category.
    public var kind: Kind
    /// One sentence: what is wrong and what to do about it.
    public var message: String

    /// Creates an error of `kind` with a one-sentence `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
