#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A `ByteSource` over bytes already in memory; seekable unless created with `isSeekable: false`, which makes
/// it behave exactly like a pipe carrying the same bytes (useful to test pipes, buffered or streamed).
///
/// Not thread-safe: one reader at a time. Cost: each read copies at most `maxCount` bytes.
public final class ByteArraySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    /// Whether the reader may seek; `false` simulates a pipe.
    public let isSeekable: Bool

    /// Creates a source over `bytes`.
    public init(_ bytes: [UInt8], isSeekable: Bool = true) {
        self.bytes = bytes
        self.isSeekable = isSeekable
    }

    /// The byte count when seekable; nil when simulating a pipe (pipes do not know their size).
    public var size: Int64? { isSeekable ? Int64(bytes.count) : nil }

    public func read(maxCount: Int) throws -> [UInt8] {
        let end = min(bytes.count, position + max(0, maxCount))
        defer { position = end }
        return Array(bytes[position..<end])
    }

    public func seek(to offset: Int64) throws {
        guard isSeekable, offset >= 0, offset <= Int64(bytes.count) else {
            throw VideoError(.invalidArgument, "Cannot seek to byte \(offset) of a \(bytes.count)-byte source.")
        }
        position = Int(offset)
    }
}

/// A non-seekable `ByteSource` over an open file descriptor, typically standard input (`fd 0`).
///
/// The descriptor is not closed by this type. Not thread-safe: one reader at a time. Each read is one
/// `read(2)` system call, retried on `EINTR`.
public final class FileDescriptorSource: ByteSource {
    private let descriptor: Int32
    /// Whether this source opened the descriptor, and so closes it when it goes.
    private let ownsDescriptor: Bool

    /// Wraps `descriptor` (0 for standard input); the caller keeps it open and closes it.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        self.ownsDescriptor = false
    }

    /// Opens the FIFO or socket at `path` for reading (waiting, as `open(2)` does, for a writer to open it) and
    /// closes it when the source goes.
    public init(opening path: String) throws(VideoError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw VideoError(.io, "Opening \(path) failed (\(reason)); check that it can be read.")
        }
        self.descriptor = descriptor
        self.ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public var size: Int64? { nil }
    public var isSeekable: Bool { false }

    public func read(maxCount: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(0, maxCount))
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                    Glibc.read(descriptor, raw.baseAddress, raw.count)
                #else
                    Musl.read(descriptor, raw.baseAddress, raw.count)
                #endif
            }
            if count >= 0 {
                buffer.removeSubrange(count...)
                return buffer
            }
            if errno != EINTR {
                throw VideoError(
                    .io, "Reading file descriptor \(descriptor) failed (errno \(errno)); check the pipe feeding it.")
            }
        }
    }

    public func seek(to offset: Int64) throws {
        throw VideoError(.invalidArgument, "A pipe cannot seek; pass a file path to get random access.")
    }
}
