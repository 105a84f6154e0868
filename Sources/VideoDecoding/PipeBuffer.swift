/// Reads a non-seekable input (standard input, a `ByteSource` that cannot seek) into memory, up to a limit, so
/// that it can be demuxed like the same bytes in a file.
///
/// A pipe cannot go back, yet exact access needs to: the index scan reads the whole stream before the first
/// frame is decoded, an MP4 may keep its index (moov) after the media data, and raw H.264 can only go back by
/// reading again from its first byte. Holding the compressed stream — far smaller than its decoded frames —
/// makes all of that work, and every frame number, timestamp and sampled index then equals the file's.
///
/// ```swift
/// switch try PipeBuffer.read(FileDescriptorSource(descriptor: 0), limit: 1 << 30, deadline: nil, name: "-") {
/// case .complete(let bytes): …          // the whole stream: open ByteArraySource(bytes)
/// case .overflowing(let source): …      // longer than the limit: read the prefix again, then the rest of the pipe
/// }
/// ```
///
/// Cost: one copy of the stream into memory (the pipe's own size, up to `limit`); nothing past the limit is held.
enum PipeBuffer {
    /// What reading a pipe into memory gave.
    enum Contents {
        /// The whole stream, no longer than the limit.
        case complete([UInt8])
        /// A stream longer than the limit: the bytes read so far are replayed, then the pipe is read on.
        case overflowing(ReplayingSource)
    }

    /// Bytes asked of the pipe per read.
    static let chunkSize = 1 << 20

    /// Reads `source` to its end, or until it has delivered more than `limit` bytes.
    ///
    /// Throws `.io` when the source fails (naming the input as `name`) and `.timedOut` once `deadline` passed.
    static func read(
        _ source: any ByteSource, limit: Int, deadline: ContinuousClock.Instant?, name: String
    ) throws(VideoError) -> Contents {
        var bytes: [UInt8] = []
        while bytes.count <= limit {
            if let deadline, ContinuousClock.now >= deadline {
                throw VideoError(
                    .timedOut, "Reading \(name) did not finish within its time budget; allow more time or skip this input.")
            }
            // One byte past the limit is enough to know the stream is longer than it.
            let room = limit - bytes.count
            let chunk: [UInt8]
            do {
                chunk = try source.read(maxCount: room >= chunkSize ? chunkSize : room + 1)
            } catch let error as VideoError where error.kind == .timedOut {
                throw error
            } catch {
                throw VideoError(.io, "Reading \(name) failed: \(error).")
            }
            if chunk.isEmpty { return .complete(bytes) }
            bytes += chunk
        }
        return .overflowing(ReplayingSource(prefix: bytes, rest: source))
    }

    /// A byte count as people read it: `1 GiB`, `512 KiB`, `3.5 MiB` or `1000 bytes`.
    static func describe(byteCount: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        guard let (size, unit) = units.first(where: { byteCount >= $0.0 }) else { return "\(byteCount) bytes" }
        let value = Double(byteCount) / Double(size)
        let digits = value == value.rounded() ? "\(Int(value))" : "\(Double(Int(value * 10)) / 10)"
        return "\(digits) \(unit)"
    }
}
