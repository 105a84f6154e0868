import CFFmpeg
import Foundation

/// How a `Demuxer` opens its input and turns each way of failing into one `VideoError.Kind`: the file system
/// checks (missing, directory, empty), format probing (garbage → `.notAVideo`), header parsing (cut short →
/// `.truncated`), MP4 index placement on pipes, and stream selection (`.noVideoStream`, `.unsupportedCodec`).
extension Demuxer {
    static func openBytes(_ input: VideoInput, interrupt: InterruptDeadline) throws(VideoError) -> ByteStream {
        switch input {
        case .path(let path):
            try validateFile(path)
            return try ByteStream(path: path, interrupt: interrupt)
        case .standardInput:
            return try ByteStream(source: FileDescriptorSource(descriptor: 0))
        case .bytes(let bytes):
            guard !bytes.isEmpty else {
                throw VideoError(.emptyInput, "The input holds 0 bytes; pass a video file's contents.")
            }
            return try ByteStream(source: ByteArraySource(bytes))
        case .source(let source):
            return try ByteStream(source: source)
        }
    }

    /// Refuses a path that is not a readable video file, saying what it is instead. FIFOs pass: ``VideoReader``
    /// reads them as pipes.
    static func validateFile(_ path: String) throws(VideoError) {
        switch PathKind(path) {
        case .missing where path.contains("\u{FFFD}"):
            // Arguments and listed names that are not UTF-8 reach us with U+FFFD in place of the bad bytes.
            throw VideoError(
                .fileNotFound,
                "\(path) cannot be opened: its name is not valid UTF-8; rename the file (for example with convmv) or pipe it in with `vidclass - < FILE`.")
        case .missing:
            throw VideoError(.fileNotFound, "No file exists at \(path); check the path.")
        case .directory:
            throw VideoError(.isDirectory, "\(path) is a directory; pass a video file inside it.")
        case .regular(size: 0):
            throw VideoError(.emptyInput, "\(path) is empty (0 bytes); re-download or re-export the video.")
        case .device(let kind):
            throw VideoError(.notAVideo, "\(path) is \(kind), not a video file; pass a video file or a pipe.")
        case .regular, .stream:
            return
        }
    }

    /// The probe score (out of 100) at or below which FFmpeg's guess is weak: `AVPROBE_SCORE_RETRY`. Random bytes
    /// often pass as MP3 or another loose audio format with such a score; when opening then fails, the failure is
    /// reported as an unrecognised format rather than as a damaged file of the guessed format.
    static let weakProbeScore: Int32 = 25

    /// The error for an input whose weak format guess (``weakProbeScore``) could not be opened as video.
    static func unrecognised(_ name: String) -> VideoError {
        VideoError(.notAVideo, "\(name) is not in a video format FFmpeg recognises; check that it is a video file.")
    }

    /// Guesses the container from the first bytes (rewinding afterwards, so pipes work); the format and its
    /// probe score.
    static func probe(_ bytes: ByteStream, name: String) throws(VideoError) -> (UnsafePointer<AVInputFormat>, score: Int32) {
        var format: UnsafePointer<AVInputFormat>?
        let code = av_probe_input_buffer2(bytes.context, &format, nil, nil, 0, 0)
        if let error = bytes.sourceError {
            throw VideoError(.io, "Reading \(name) failed: \(error).")
        }
        if bytes.bytesDelivered == 0 || (code < 0 && bytes.size == 0) {
            throw VideoError(.emptyInput, "\(name) is empty (0 bytes); check that the producer wrote a video.")
        }
        guard code >= 0, let format else { throw unrecognised(name) }
        return (format, code)
    }

    static func isMovFamily(_ format: UnsafePointer<AVInputFormat>) -> Bool {
        String(cString: format.pointee.name).hasPrefix("mov,")
    }

    static func openFailure(_ code: Int32, format: UnsafePointer<AVInputFormat>, bytes: ByteStream, name: String)
        -> VideoError
    {
        if let error = bytes.sourceError {
            return VideoError(.io, "Reading \(name) failed: \(error).")
        }
        let formatName = String(cString: format.pointee.name)
        // A seekable input rewound after probing clears `eof_reached`; having read up to its size tells the same.
        let reachedEnd =
            bytes.context.pointee.eof_reached != 0 || bytes.size.map { bytes.context.pointee.pos >= $0 } == true
        if code == FFmpegCode.endOfFile || reachedEnd || (code == FFmpegCode.invalidData && isMovFamily(format)) {
            return VideoError(
                .truncated,
                "\(name) looks like \(formatName) but ends before its header (index) is complete; it is probably truncated, so re-download or re-export it."
            )
        }
        return VideoError(
            .notAVideo,
            "\(name) could not be opened as \(formatName) (\(ffmpegErrorText(code))); check that it is an intact video file."
        )
    }

    static func streamFailure(_ code: Int32, bytes: ByteStream, name: String) -> VideoError {
        if let error = bytes.sourceError {
            return VideoError(.io, "Reading \(name) failed: \(error).")
        }
        return VideoError(
            .corrupt, "Could not read stream information from \(name) (\(ffmpegErrorText(code))); the file is damaged.")
    }

    /// True when a stream's first indexed sample lies before the current read position: an MP4 whose moov
    /// followed the media data, which a pipe cannot return to.
    static func hasIndexBehindReadPosition(_ context: UnsafeMutablePointer<AVFormatContext>) -> Bool {
        let position = avio_tell(context.pointee.pb)
        for i in 0..<Int(context.pointee.nb_streams) {
            guard let stream = context.pointee.streams[i],
                avformat_index_get_entries_count(stream) > 0,
                let entry = avformat_index_get_entry(stream, 0)
            else { continue }
            if entry.pointee.pos < position { return true }
        }
        return false
    }

    static func selectVideoStream(_ context: UnsafeMutablePointer<AVFormatContext>, requested: Int?, name: String)
        throws(VideoError) -> (UnsafeMutablePointer<AVStream>, UnsafePointer<AVCodec>)
    {
        let streamCount = Int(context.pointee.nb_streams)
        if let requested {
            guard requested >= 0, requested < streamCount,
                context.pointee.streams[requested]!.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
            else {
                throw VideoError(
                    .invalidArgument,
                    "streamIndex (\(requested)) is not a video stream of \(name); run `vidclass probe` to list its streams."
                )
            }
        }
        var decoder: UnsafePointer<AVCodec>?
        let index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, Int32(requested ?? -1), -1, &decoder, 0)
        if index == FFmpegCode.decoderNotFound || (index >= 0 && decoder == nil) {
            let codecID =
                index >= 0 ? context.pointee.streams[Int(index)]!.pointee.codecpar.pointee.codec_id : AV_CODEC_ID_NONE
            let codecName = String(cString: avcodec_get_name(codecID))
            throw VideoError(
                .unsupportedCodec,
                "\(name) uses the \(codecName) codec, which this FFmpeg build cannot decode; transcode it to H.264.")
        }
        guard index >= 0, let decoder else {
            throw VideoError(
                .noVideoStream,
                "\(name) has no video stream (\(streamCount) other stream(s)); pass a file that contains video.")
        }
        for i in 0..<streamCount where i != Int(index) {
            context.pointee.streams[i]!.pointee.discard = AVDISCARD_ALL
        }
        return (context.pointee.streams[Int(index)]!, decoder)
    }
}
