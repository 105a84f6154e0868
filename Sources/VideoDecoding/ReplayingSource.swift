import Synchronization

/// A non-seekable `ByteSource` that first gives back bytes already read from a pipe, then goes on reading the
/// pipe: how a stream longer than the pipe buffer is decoded after `PipeBuffer` has read its first part.
///
/// It also discards what the reader did not need (`discardRemaining(before:)`), so a producer writing into
/// the pipe sees it read to the end rather than closed under it (which kills it with `SIGPIPE`).
///
/// One reader at a time.
final class ReplayingSource: ByteSource {
    /// What is left to replay; released once replayed.
    private let prefix: Mutex<ArraySlice<UInt8>>
    private let rest: any ByteSource

    init(prefix: [UInt8], rest: any ByteSource) {
        self.prefix = Mutex(prefix[...])
        self.rest = rest
    }

    var size: Int64? { nil }
    var isSeekable: Bool { false }

    func read(maxCount: Int) throws -> [UInt8] {
        let replayed = prefix.withLock { prefix -> [UInt8]? in
            guard !prefix.isEmpty else { return nil }
            let count = min(prefix.count, max(0, maxCount))
            defer { prefix = prefix.count == count ? [] : prefix.dropFirst(count) }
            return Array(prefix.prefix(count))
        }
        return try replayed ?? rest.read(maxCount: maxCount)
    }

    func seek(to offset: Int64) throws {
        throw VideoError(.invalidArgument, "A pipe cannot seek; pass a file path to get random access.")
    }

    /// Reads the pipe to its end, throwing the bytes away; stops early, returning false, once `deadline` has
    /// passed or the pipe fails. Each read blocks until the producer writes or closes the pipe.
    func discardRemaining(before deadline: ContinuousClock.Instant?) -> Bool {
        prefix.withLock { $0 = [] }
        while true {
            if let deadline, ContinuousClock.now >= deadline { return false }
            guard let chunk = try? rest.read(maxCount: PipeBuffer.chunkSize) else { return false }
            if chunk.isEmpty { return true }
        }
    }
}
