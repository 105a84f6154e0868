import CFFmpeg

/// Owner of the `AVIOContext` a demuxer reads from: either FFmpeg's own file protocol (for paths) or a custom
/// context whose callbacks pull from a `ByteSource` (standard input, memory, anything).
///
/// Owning the I/O context ourselves (rather than letting `avformat_open_input` open the path) lets the
/// reader probe the format first and tell an empty file, garbage, a truncated header and a moov-at-end MP4 on
/// a stream longer than the pipe buffer apart. Freed in deinit, after the demuxer that uses it (the demuxer holds a strong reference).
final class ByteStream {
    let context: UnsafeMutablePointer<AVIOContext>
    private let bridge: SourceBridge?

    /// Keeps the interrupt callback of a path's context alive.
    private let interrupt: InterruptDeadline?

    /// Opens `path` read-only with FFmpeg's file protocol (seekable); its reads stop once `interrupt` says so.
    init(path: String, interrupt: InterruptDeadline) throws(VideoError) {
        var context: UnsafeMutablePointer<AVIOContext>?
        var callback = interrupt.callback
        let code = avio_open2(&context, "file:" + path, AVIO_FLAG_READ, &callback, nil)
        if code < 0, interrupt.hasPassed { throw interrupt.stopped }
        try check(code, "Could not open \(path)", kind: .io)
        guard let context else { throw VideoError(.io, "Could not open \(path): FFmpeg returned no I/O context.") }
        self.context = context
        self.bridge = nil
        self.interrupt = interrupt
    }

    /// Adapts `source` through read (and, when seekable, seek) callbacks.
    init(source: any ByteSource) throws(VideoError) {
        let bridge = SourceBridge(source)
        let bufferSize = 32 * 1024
        guard let buffer = av_malloc(bufferSize) else {
            throw VideoError(.io, "Could not allocate a \(bufferSize)-byte I/O buffer; the process is out of memory.")
        }
        let opaque = Unmanaged.passUnretained(bridge).toOpaque()
        let seek: (@convention(c) (UnsafeMutableRawPointer?, Int64, Int32) -> Int64)? =
            source.isSeekable ? seekSource : nil
        guard
            let context = avio_alloc_context(
                buffer.assumingMemoryBound(to: UInt8.self), Int32(bufferSize), 0, opaque, readSource, nil, seek)
        else {
            av_free(buffer)
            throw VideoError(.io, "Could not allocate an I/O context; the process is out of memory.")
        }
        self.context = context
        self.bridge = bridge
        self.interrupt = nil
    }

    /// Whether FFmpeg can seek this stream.
    var isSeekable: Bool { context.pointee.seekable & AVIO_SEEKABLE_NORMAL != 0 }

    /// Bytes delivered so far by a custom source (nil for files).
    var bytesDelivered: Int64? { bridge?.bytesDelivered }

    /// The error a custom source threw, if any; it explains an `AVERROR(EIO)` from FFmpeg.
    var sourceError: (any Error)? { bridge?.lastError }

    /// Total size in bytes when known.
    var size: Int64? {
        let size = avio_size(context)
        return size >= 0 ? size : nil
    }

    deinit {
        var context: UnsafeMutablePointer<AVIOContext>? = context
        if bridge == nil {
            avio_closep(&context)
        } else {
            av_freep(&context!.pointee.buffer)
            avio_context_free(&context)
        }
    }
}

/// The Swift side of a custom `AVIOContext`: owns the `ByteSource` and remembers what went wrong, since C
/// callbacks can only return a code.
private final class SourceBridge {
    let source: any ByteSource
    var position: Int64 = 0
    var bytesDelivered: Int64 = 0
    var lastError: (any Error)?

    init(_ source: any ByteSource) {
        self.source = source
    }
}

/// `read_packet` callback: copies up to `capacity` bytes from the source into FFmpeg's buffer.
private func readSource(_ opaque: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ capacity: Int32)
    -> Int32
{
    guard let opaque, let buffer else { return FFmpegCode.inputOutput }
    let bridge = Unmanaged<SourceBridge>.fromOpaque(opaque).takeUnretainedValue()
    do {
        let bytes = try bridge.source.read(maxCount: Int(capacity))
        guard !bytes.isEmpty else { return FFmpegCode.endOfFile }
        let count = min(bytes.count, Int(capacity))
        bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: count) }
        bridge.position += Int64(count)
        bridge.bytesDelivered += Int64(count)
        return Int32(count)
    } catch {
        bridge.lastError = error
        return FFmpegCode.inputOutput
    }
}

/// `seek` callback: absolute, relative and end-relative seeks, plus `AVSEEK_SIZE` queries.
private func seekSource(_ opaque: UnsafeMutableRawPointer?, _ offset: Int64, _ whence: Int32) -> Int64 {
    guard let opaque else { return Int64(FFmpegCode.inputOutput) }
    let bridge = Unmanaged<SourceBridge>.fromOpaque(opaque).takeUnretainedValue()
    let mode = whence & ~AVSEEK_FORCE
    if mode == AVSEEK_SIZE { return bridge.source.size ?? -1 }
    let target: Int64
    switch mode {
    case SEEK_SET: target = offset
    case SEEK_CUR: target = bridge.position + offset
    case SEEK_END:
        guard let size = bridge.source.size else { return -1 }
        target = size + offset
    default: return -1
    }
    do {
        try bridge.source.seek(to: target)
        bridge.position = target
        return target
    } catch {
        bridge.lastError = error
        return Int64(FFmpegCode.inputOutput)
    }
}
