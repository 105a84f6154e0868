import CFFmpeg
import Synchronization

/// Collects FFmpeg's error messages for one reader, so they end up in `DecodeReport` instead of on stderr.
///
/// FFmpeg's log callback is process-global. `LogCapture.install()` replaces it once with a callback that
/// prints nothing: it looks at the logging object, and when that is a codec or format context whose `opaque`
/// field holds a `MessageSink` (set by the reader that owns the context), appends the formatted line there.
/// Frame-threaded decoders log from worker threads on copies of the codec context; the copies share `opaque`,
/// which is why the sink is thread-safe (a `Mutex`). Messages from objects without a sink are dropped.
final class MessageSink: Sendable {
    private let state = Mutex(DecodeReport())

    /// Records one problem.
    func append(_ message: String) {
        state.withLock { $0.append(message) }
    }

    /// Counts one damaged packet or frame and records why.
    func recordCorruption(_ message: String) {
        state.withLock {
            $0.corruptPackets += 1
            $0.append(message)
        }
    }

    /// Marks the input as truncated and records why.
    func recordTruncation(_ message: String) {
        state.withLock {
            if !$0.isTruncated { $0.append(message) }
            $0.isTruncated = true
        }
    }

    /// A copy of everything recorded so far.
    var report: DecodeReport { state.withLock { $0 } }

    /// The value to store in a context's `opaque` field; valid while this sink is alive.
    var opaquePointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

enum LogCapture {
    /// Installs the capturing callback; idempotent and thread-safe (a lazily initialised global).
    static func install() { _ = installation }

    private static let installation: Void = {
        av_log_set_level(AV_LOG_ERROR)
        av_log_set_callback(captureLogLine)
    }()
}

/// FFmpeg log callback: formats error-level lines into the sink of the context that logged them.
private func captureLogLine(
    _ object: UnsafeMutableRawPointer?, _ level: Int32, _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer?
) {
    guard level <= AV_LOG_ERROR, let object, let format, let arguments, let sink = sink(of: object) else { return }
    var line = [CChar](repeating: 0, count: 512)
    var printPrefix: Int32 = 0
    av_log_format_line2(object, level, format, arguments, &line, Int32(line.count), &printPrefix)
    let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        .trimmingTrailingNewlines()
    guard !text.isEmpty else { return }
    sink.append("\(loggerName(of: object)): \(text)")
}

/// The logging object's short name (`h264`, `mov,mp4,m4a,3gp,3g2,mj2`), from its `AVClass`.
private func loggerName(of object: UnsafeMutableRawPointer) -> String {
    guard let avClass = object.load(as: UnsafePointer<AVClass>?.self), let itemName = avClass.pointee.item_name,
        let name = itemName(object)
    else { return "ffmpeg" }
    return String(cString: name)
}

/// The sink registered in `object`'s `opaque` field when `object` is a codec or format context.
private func sink(of object: UnsafeMutableRawPointer) -> MessageSink? {
    let avClass = object.load(as: UnsafePointer<AVClass>?.self)
    let opaque: UnsafeMutableRawPointer?
    if avClass == avcodec_get_class() {
        opaque = object.assumingMemoryBound(to: AVCodecContext.self).pointee.opaque
    } else if avClass == avformat_get_class() {
        opaque = object.assumingMemoryBound(to: AVFormatContext.self).pointee.opaque
    } else {
        return nil
    }
    guard let opaque else { return nil }
    return Unmanaged<MessageSink>.fromOpaque(opaque).takeUnretainedValue()
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var result = self
        while result.last == "\n" || result.last == "\r" { result.removeLast() }
        return result
    }
}
