import CFFmpeg

/// The single choke point through which FFmpeg return codes become `VideoError`s.
///
/// Every call that can fail is written `try check(avformat_find_stream_info(ctx, nil), "Could not read stream
/// information", kind: .notAVideo)`: negative codes throw a `VideoError` whose message names the operation and
/// quotes `av_strerror`; non-negative codes are returned unchanged so the caller can use them.
@discardableResult
func check(_ code: Int32, _ operation: String, kind: VideoError.Kind = .corrupt) throws(VideoError) -> Int32 {
    guard code < 0 else { return code }
    throw VideoError(kind, "\(operation): \(ffmpegErrorText(code)).")
}

/// FFmpeg's human-readable explanation of a negative return code (`av_strerror`), without a trailing period.
func ffmpegErrorText(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: Int(AV_ERROR_MAX_STRING_SIZE))
    if av_strerror(code, &buffer, buffer.count) < 0 {
        return "FFmpeg error \(code)"
    }
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return text.hasSuffix(".") ? String(text.dropLast()) : text
}

/// Named FFmpeg return codes that drive control flow (they are values, not failures).
enum FFmpegCode {
    /// "Try again": the decoder wants input before it can output, or vice versa.
    static let again = cffmpeg_error_again()
    /// End of stream.
    static let endOfFile = cffmpeg_error_eof()
    /// Malformed data.
    static let invalidData = cffmpeg_error_invalid_data()
    /// No decoder for the stream's codec.
    static let decoderNotFound = cffmpeg_error_decoder_not_found()
    /// FFmpeg's "no timestamp" marker.
    static let noTimestamp = cffmpeg_no_pts()
    /// `AVERROR(EIO)`, returned from byte-source callbacks that fail.
    static let inputOutput = cffmpeg_error_from_errno(EIO)
}
