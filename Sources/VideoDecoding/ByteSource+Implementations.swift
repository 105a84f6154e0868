#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import Synchronization

/// A `ByteSource` over bytes already in memory; seekable unless created with `isSeekable: false`, which makes
/// it behave exactly like a pipe carrying the same bytes (useful to test pipes, buffered or streamed).
///
/// One reader at a time (the position is shared). Cost: each read copies at most `maxCount` bytes.
public final class ByteArraySource: ByteSource {
    private let bytes: [UInt8]
    private let position = Mutex(0)

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
        position.withLock { position in
            let start = position
            position = min(bytes.count, start + max(0, maxCount))
            return Array(bytes[start..<position])
        }
    }

    public func seek(to offset: Int64) throws {
        guard isSeekable, offset >= 0, offset <= Int64(bytes.count) else {
            throw VideoError(.invalidArgument, "Cannot seek to byte \(offset) of a \(bytes.count)-byte source.")
        }
        position.withLock { $0 = Int(offset) }
    }
}

/// A non-seekable `ByteSource` over an open file descriptor, typically standard input (`fd 0`), or over a FIFO
/// it opens itself (`init(opening:deadline:)`, which closes it again).
///
/// One reader at a time. Each read is one `read(2)` system call, retried on `EINTR`.
///
/// With a `deadline`, each read first waits for data with `poll(2)` no longer than the time left, so a silent
/// producer (a pipe nobody writes to, a FIFO) ends in `.timedOut` instead of blocking forever.
public final class FileDescriptorSource: ByteSource {
    private let descriptor: Int32
    /// When set, a read that would still be waiting at this instant throws `.timedOut`.
    public let deadline: ContinuousClock.Instant?
    /// Whether this source opened the descriptor, and so closes it when it goes.
    private let ownsDescriptor: Bool

    /// Wraps `descriptor` (0 for standard input); the caller keeps it open and closes it.
    public init(descriptor: Int32, deadline: ContinuousClock.Instant? = nil) {
        self.descriptor = descriptor
        self.deadline = deadline
        self.ownsDescriptor = false
    }

    /// Opens the FIFO or socket at `path` for reading and closes it when the source goes. Without a deadline it
    /// waits, as `open(2)` does, for a writer to open the FIFO; with one, it opens at once and its reads wait no
    /// longer than the time left.
    public init(opening path: String, deadline: ContinuousClock.Instant? = nil) throws(VideoError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (deadline == nil ? 0 : O_NONBLOCK))
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw VideoError(.io, "Opening \(path) failed (\(reason)); check that it can be read.")
        }
        // Reads block again (each first waits in `poll` while a deadline is set).
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.descriptor = descriptor
        self.deadline = deadline
        self.ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public var size: Int64? { nil }
    public var isSeekable: Bool { false }

    public func read(maxCount: Int) throws -> [UInt8] {
        try waitForData()
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

    /// Returns once the descriptor has data, has reached its end or has failed; throws `.timedOut` when the
    /// deadline passes first. Without a deadline it returns at once and the read blocks as usual.
    private func waitForData() throws(VideoError) {
        guard let deadline else { return }
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                throw VideoError(
                    .timedOut, "No data arrived on file descriptor \(descriptor) within the time budget; check that the producer is writing, or allow more time.")
            }
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, milliseconds)
            if ready > 0 || (ready < 0 && errno != EINTR) { return }
        }
    }

    public func seek(to offset: Int64) throws {
        throw VideoError(.invalidArgument, "A pipe cannot seek; pass a file path to get random access.")
    }
}
