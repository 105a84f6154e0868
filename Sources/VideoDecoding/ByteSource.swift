/// A readable (optionally seekable) byte stream, adapted to FFmpeg through a custom `AVIOContext`.
///
/// Implement it to decode video from anywhere (network buffers, archives, encrypted stores). The reader pulls
/// bytes from a seekable source on demand in chunks of at most 32 KiB and never holds more than that plus the
/// demuxer's own buffering, so a seekable source may be far larger than memory.
///
/// Semantics:
/// - `read(maxCount:)` returns between 1 and `maxCount` bytes, or an empty array at end of stream. Errors it
///   throws surface as `VideoError.Kind.io` with the error's description.
/// - When `isSeekable` is false, `seek(to:)` is never called; the reader then treats the source as a pipe: it
///   reads it into memory up to `DecoderOptions.pipeBufferLimit` and seeks in that copy, or, for a longer
///   stream, decodes it once, front to back (no index scan, sequential access only, MP4 must be fragmented or
///   have its moov first).
/// - A source is `Sendable`, so a ``VideoInput`` holding it can be handed to another task or thread; the reader
///   calls it from one thread at a time, but not always the same one, so keep mutable state behind a lock
///   (`Mutex`), as ``ByteArraySource`` does.
public protocol ByteSource: AnyObject, Sendable {
    /// Reads up to `maxCount` bytes; an empty result means end of stream.
    func read(maxCount: Int) throws -> [UInt8]
    /// Total size when known (nil for pipes).
    var size: Int64? { get }
    /// Whether `seek(to:)` works; sources that cannot seek return false and are treated like pipes.
    var isSeekable: Bool { get }
    /// Moves to an absolute offset from the start of the stream.
    func seek(to offset: Int64) throws
}
