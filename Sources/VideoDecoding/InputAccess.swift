/// How a `VideoReader` reaches the bytes of its input, and so whether its access is exact.
///
/// Files and bytes in memory are seekable. A pipe (standard input, a `ByteSource` that cannot seek) is read into
/// memory first, up to `DecoderOptions.pipeBufferLimit`, and is then exactly as seekable as the same bytes in a
/// file. Only a pipe longer than that limit is decoded once, front to back: no index scan, no seeking, and the
/// samplers of the layers above can only approximate what they would pick from the file.
public enum InputAccess: Sendable, Equatable, CustomStringConvertible {
    /// A file, or bytes in memory.
    case seekable
    /// A pipe read whole into memory (`byteCount` bytes), then read like a file.
    case bufferedPipe(byteCount: Int)
    /// A pipe longer than the pipe buffer (`bufferLimit` bytes), decoded once, front to back.
    case streamedPipe(bufferLimit: Int)

    /// Whether frames can only be reached front to back.
    public var isStreamed: Bool {
        if case .streamedPipe = self { return true }
        return false
    }

    /// E.g. `a pipe read into memory (3.5 MiB)` or `a stream longer than the 1 GiB pipe buffer`.
    public var description: String {
        switch self {
        case .seekable: "a seekable file or bytes in memory"
        case .bufferedPipe(let count): "a pipe read into memory (\(PipeBuffer.describe(byteCount: count)))"
        case .streamedPipe(let limit): "a stream longer than the \(PipeBuffer.describe(byteCount: limit)) pipe buffer"
        }
    }
}

/// An input a helper reader can open again (`readFramesInParallel`): a file, or bytes in memory (a buffered
/// pipe among them). The array is shared, not copied: every helper reads the one immutable storage through its
/// own `ByteArraySource` cursor.
enum ReopenableInput: Sendable {
    case path(String)
    case bytes([UInt8])

    var input: VideoInput {
        switch self {
        case .path(let path): .path(path)
        case .bytes(let bytes): .bytes(bytes)
        }
    }
}
