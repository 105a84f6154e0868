/// Where a video comes from.
///
/// ```swift
/// try VideoReader(.path("clip.mp4"))
/// try VideoReader(.standardInput)                  // `ffmpeg … -f matroska - | app`
/// try VideoReader(.bytes(downloaded))
/// try VideoReader(.source(myByteSource))
/// ```
/// Paths and in-memory bytes are seekable (exact random access). Standard input and non-seekable sources are
/// read into memory first, up to `DecoderOptions.pipeBufferLimit`, and are then exactly as seekable; only a
/// longer stream is read once, front to back (`VideoReader.access`). `Sendable`: inputs can be handed to tasks.
public enum VideoInput: Sendable {
    /// A file on disk.
    case path(String)
    /// The process's standard input: a pipe, held in memory up to the pipe buffer limit.
    case standardInput
    /// A complete file held in memory (seekable).
    case bytes([UInt8])
    /// Any custom byte stream.
    case source(any ByteSource)

    /// A short name for messages and reports: the path, `-` for standard input, `<N bytes>`, or `<byte source>`.
    public var displayName: String {
        switch self {
        case .path(let path): path
        case .standardInput: "-"
        case .bytes(let bytes): "<\(bytes.count) bytes>"
        case .source: "<byte source>"
        }
    }
}
