import CFFmpeg
import Foundation

/// Owner of the `AVFormatContext` for one input: opens it, picks the video stream, discards the others and
/// reads that stream's packets. Freed in deinit (before the `ByteStream` it reads from).
///
/// Opening classifies every failure into one `VideoError.Kind` (see `open(_:)`), so callers get "the file is
/// empty" rather than "Invalid data found when processing input".
final class Demuxer {
    let format: UnsafeMutablePointer<AVFormatContext>
    let stream: UnsafeMutablePointer<AVStream>
    let codec: UnsafePointer<AVCodec>
    let bytes: ByteStream

    /// Opens `input`, reads stream information and selects the video stream.
    init(_ input: VideoInput, streamIndex: Int?, sink: MessageSink) throws(VideoError) {
        let bytes = try Self.openBytes(input)
        let name = input.displayName
        let probed = try Self.probe(bytes, name: name)
        guard var context = avformat_alloc_context() else {
            throw VideoError(.io, "Could not allocate a format context; the process is out of memory.")
        }
        context.pointee.pb = bytes.context
        context.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
        context.pointee.opaque = sink.opaquePointer
        var optional: UnsafeMutablePointer<AVFormatContext>? = context
        let openCode = avformat_open_input(&optional, nil, probed, nil)
        guard openCode >= 0, let opened = optional else {
            throw Self.openFailure(openCode, format: probed, bytes: bytes, name: name)
        }
        context = opened
        format = context
        self.bytes = bytes
        if !bytes.isSeekable, Self.hasIndexBehindReadPosition(context) {
            throw VideoError(.pipeNeedsStreamableFormat, "\(name) is an MP4/MOV whose index (moov) comes after the media data, which a pipe cannot seek back to; remux it with `ffmpeg -i IN -c copy -f matroska -` or `-movflags frag_keyframe+empty_moov`, or pass a file path.")
        }
        let infoCode = avformat_find_stream_info(context, nil)
        if infoCode < 0 {
            throw Self.streamFailure(infoCode, bytes: bytes, name: name)
        }
        (stream, codec) = try Self.selectVideoStream(context, requested: streamIndex, name: name)
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = format
        avformat_close_input(&context)
    }

    /// The container's short name, e.g. `matroska,webm`.
    var containerName: String { String(cString: format.pointee.iformat.pointee.name) }

    /// Reads the next packet of the selected stream into `packet`.
    ///
    /// Returns false at end of input. Packets of other streams are skipped (they are discarded at the
    /// demuxer, so few arrive). Read errors other than end of file are recorded in `sink` and end the stream,
    /// so damaged tails never loop forever.
    func readPacket(into packet: Packet, sink: MessageSink) throws(VideoError) -> Bool {
        while true {
            packet.unref()
            let code = av_read_frame(format, packet.pointer)
            if code == FFmpegCode.endOfFile { return false }
            if code < 0 {
                if let error = bytes.sourceError {
                    throw VideoError(.io, "Reading the input failed: \(error).")
                }
                sink.recordTruncation("Reading stopped early: \(ffmpegErrorText(code)).")
                return false
            }
            if packet.pointer.pointee.stream_index == stream.pointee.index { return true }
        }
    }

    /// Seeks so the next packet read is the keyframe at or before `timestamp` (stream time base).
    func seek(toKeyframeAtOrBefore timestamp: Int64) throws(VideoError) {
        try check(av_seek_frame(format, stream.pointee.index, timestamp, AVSEEK_FLAG_BACKWARD), "Could not seek in the input", kind: .io)
    }

    // MARK: - Opening

    private static func openBytes(_ input: VideoInput) throws(VideoError) -> ByteStream {
        switch input {
        case .path(let path):
            try validateFile(path)
            return try ByteStream(path: path)
        case .standardInput:
            return try ByteStream(source: FileDescriptorSource(descriptor: 0))
        case .bytes(let bytes):
            guard !bytes.isEmpty else { throw VideoError(.emptyInput, "The input holds 0 bytes; pass a video file's contents.") }
            return try ByteStream(source: ByteArraySource(bytes))
        case .source(let source):
            return try ByteStream(source: source)
        }
    }

    private static func validateFile(_ path: String) throws(VideoError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VideoError(.fileNotFound, "No file exists at \(path); check the path.")
        }
        guard !isDirectory.boolValue else {
            throw VideoError(.isDirectory, "\(path) is a directory; pass a video file inside it.")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        if size == 0 {
            throw VideoError(.emptyInput, "\(path) is empty (0 bytes); re-download or re-export the video.")
        }
    }

    /// Guesses the container from the first bytes (rewinding afterwards, so pipes work).
    private static func probe(_ bytes: ByteStream, name: String) throws(VideoError) -> UnsafePointer<AVInputFormat> {
        var format: UnsafePointer<AVInputFormat>?
        let code = av_probe_input_buffer2(bytes.context, &format, nil, nil, 0, 0)
        if let error = bytes.sourceError {
            throw VideoError(.io, "Reading \(name) failed: \(error).")
        }
        if bytes.bytesDelivered == 0 || (code < 0 && bytes.size == 0) {
            throw VideoError(.emptyInput, "\(name) is empty (0 bytes); check that the producer wrote a video.")
        }
        guard code >= 0, let format else {
            throw VideoError(.notAVideo, "\(name) is not in a video format FFmpeg recognises; check that it is a video file.")
        }
        return format
    }

    private static func isMovFamily(_ format: UnsafePointer<AVInputFormat>) -> Bool {
        String(cString: format.pointee.name).hasPrefix("mov,")
    }

    private static func openFailure(_ code: Int32, format: UnsafePointer<AVInputFormat>, bytes: ByteStream, name: String) -> VideoError {
        if let error = bytes.sourceError {
            return VideoError(.io, "Reading \(name) failed: \(error).")
        }
        let formatName = String(cString: format.pointee.name)
        let reachedEnd = bytes.context.pointee.eof_reached != 0
        if code == FFmpegCode.endOfFile || reachedEnd || (code == FFmpegCode.invalidData && isMovFamily(format)) {
            return VideoError(.truncated, "\(name) looks like \(formatName) but ends before its header (index) is complete; it is probably truncated, so re-download or re-export it.")
        }
        return VideoError(.notAVideo, "\(name) could not be opened as \(formatName) (\(ffmpegErrorText(code))); check that it is an intact video file.")
    }

    private static func streamFailure(_ code: Int32, bytes: ByteStream, name: String) -> VideoError {
        if let error = bytes.sourceError {
            return VideoError(.io, "Reading \(name) failed: \(error).")
        }
        return VideoError(.corrupt, "Could not read stream information from \(name) (\(ffmpegErrorText(code))); the file is damaged.")
    }

    /// True when a stream's first indexed sample lies before the current read position: an MP4 whose moov
    /// followed the media data, which a pipe cannot return to.
    private static func hasIndexBehindReadPosition(_ context: UnsafeMutablePointer<AVFormatContext>) -> Bool {
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

    private static func selectVideoStream(_ context: UnsafeMutablePointer<AVFormatContext>, requested: Int?, name: String) throws(VideoError) -> (UnsafeMutablePointer<AVStream>, UnsafePointer<AVCodec>) {
        let streamCount = Int(context.pointee.nb_streams)
        if let requested {
            guard requested >= 0, requested < streamCount,
                context.pointee.streams[requested]!.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO
            else {
                throw VideoError(.invalidArgument, "streamIndex (\(requested)) is not a video stream of \(name); run `vidclass probe` to list its streams.")
            }
        }
        var decoder: UnsafePointer<AVCodec>?
        let index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, Int32(requested ?? -1), -1, &decoder, 0)
        if index == FFmpegCode.decoderNotFound || (index >= 0 && decoder == nil) {
            let codecID = index >= 0 ? context.pointee.streams[Int(index)]!.pointee.codecpar.pointee.codec_id : AV_CODEC_ID_NONE
            let codecName = String(cString: avcodec_get_name(codecID))
            throw VideoError(.unsupportedCodec, "\(name) uses the \(codecName) codec, which this FFmpeg build cannot decode; transcode it to H.264.")
        }
        guard index >= 0, let decoder else {
            throw VideoError(.noVideoStream, "\(name) has no video stream (\(streamCount) other stream(s)); pass a file that contains video.")
        }
        for i in 0..<streamCount where i != Int(index) {
            context.pointee.streams[i]!.pointee.discard = AVDISCARD_ALL
        }
        return (context.pointee.streams[Int(index)]!, decoder)
    }
}
