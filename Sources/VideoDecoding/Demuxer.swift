import CFFmpeg

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
    /// When opening, probing and reading must stop (`readPacket` then throws `.timedOut` or `.cancelled`).
    let interrupt: InterruptDeadline

    /// Whether a packet of the stream came without any timestamp (raw H.264 and HEVC elementary streams carry
    /// none): FFmpeg's index of such a stream stays empty, so `seek(toKeyframeAtOrBefore:)` cannot work and only
    /// `rewindToStart()` can go back. Known once the packets were read (the index scan reads them all).
    private(set) var seeksOnlyToStart = false

    /// Opens `input` (named `name` in messages), reads stream information and selects the video stream.
    /// `pipeBufferLimit` is only quoted, when a non-seekable input cannot be read.
    /// Opening, probing and reading stop with `.timedOut` once `deadline` has passed, and with `.cancelled` once
    /// `cancellation` is raised.
    init(
        _ input: VideoInput, name: String, pipeBufferLimit: Int, streamIndex: Int?, deadline: ContinuousClock.Instant?,
        cancellation: CancellationFlag?, sink: MessageSink
    ) throws(VideoError) {
        let interrupt = InterruptDeadline(deadline, cancellation: cancellation)
        let bytes: ByteStream
        let probed: UnsafePointer<AVInputFormat>
        let score: Int32
        do {
            bytes = try Self.openBytes(input, interrupt: interrupt)
            (probed, score) = try Self.probe(bytes, name: name)
        } catch {
            // A read the deadline cut short looks like an empty or unknown input; say what really happened.
            throw interrupt.hasPassed ? interrupt.stopped : error
        }
        let weakGuess = score <= Self.weakProbeScore
        guard let context = avformat_alloc_context() else {
            throw VideoError(.io, "Could not allocate a format context; the process is out of memory.")
        }
        context.pointee.pb = bytes.context
        context.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
        context.pointee.opaque = sink.opaquePointer
        context.pointee.interrupt_callback = interrupt.callback
        var optional: UnsafeMutablePointer<AVFormatContext>? = context
        let openCode = avformat_open_input(&optional, nil, probed, nil)
        guard openCode >= 0, let opened = optional else {
            if interrupt.hasPassed { throw interrupt.stopped }
            if weakGuess, bytes.sourceError == nil { throw Self.unrecognised(name) }
            throw Self.openFailure(openCode, format: probed, bytes: bytes, name: name)
        }
        do {
            (stream, codec) = try Self.prepare(
                opened, format: probed, bytes: bytes, requested: streamIndex, name: name, pipeBufferLimit: pipeBufferLimit)
        } catch {
            // A throwing initializer of a class never runs deinit, so the context is closed here.
            avformat_close_input(&optional)
            if interrupt.hasPassed { throw interrupt.stopped }
            let formatDoubt = [.noVideoStream, .unsupportedCodec, .truncated, .corrupt].contains(error.kind)
            throw weakGuess && formatDoubt && bytes.sourceError == nil ? Self.unrecognised(name) : error
        }
        format = opened
        self.bytes = bytes
        self.interrupt = interrupt
    }

    /// Checks that a pipe can be read, reads stream information and selects the video stream of the opened
    /// `context`.
    private static func prepare(
        _ context: UnsafeMutablePointer<AVFormatContext>, format probed: UnsafePointer<AVInputFormat>,
        bytes: ByteStream, requested streamIndex: Int?, name: String, pipeBufferLimit: Int
    ) throws(VideoError) -> (UnsafeMutablePointer<AVStream>, UnsafePointer<AVCodec>) {
        if !bytes.isSeekable, isMovFamily(probed), hasIndexBehindReadPosition(context) {
            let limit = PipeBuffer.describe(byteCount: pipeBufferLimit)
            throw VideoError(
                .pipeNeedsStreamableFormat,
                "\(name) is an MP4/MOV whose index (moov) comes after the media data and the stream is longer than the \(limit) pipe buffer, so it cannot be read from a pipe; raise the pipe buffer limit, remux it with `ffmpeg -i IN -c copy -f matroska -` or `-movflags frag_keyframe+empty_moov`, or pass a file path."
            )
        }
        let infoCode = avformat_find_stream_info(context, nil)
        if infoCode < 0 {
            throw streamFailure(infoCode, bytes: bytes, name: name)
        }
        return try selectVideoStream(context, requested: streamIndex, name: name)
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
    /// so damaged tails never loop forever. Past `deadline` it throws `.timedOut` instead of reading, and once
    /// cancelled `.cancelled`.
    func readPacket(into packet: Packet, sink: MessageSink) throws(VideoError) -> Bool {
        while true {
            if interrupt.hasPassed { throw interrupt.stopped }
            packet.unref()
            let code = av_read_frame(format, packet.pointer)
            if code == FFmpegCode.endOfFile { return false }
            if code < 0 {
                if interrupt.hasPassed { throw interrupt.stopped }
                if let error = bytes.sourceError as? VideoError, error.kind == .timedOut { throw error }
                if let error = bytes.sourceError {
                    throw VideoError(.io, "Reading the input failed: \(error).")
                }
                sink.recordTruncation("Reading stopped early: \(ffmpegErrorText(code)).")
                return false
            }
            if packet.pointer.pointee.stream_index == stream.pointee.index {
                let data = packet.pointer.pointee
                if data.pts == FFmpegCode.noTimestamp, data.dts == FFmpegCode.noTimestamp { seeksOnlyToStart = true }
                return true
            }
        }
    }

    /// Whether seeking finds packets by their decoding timestamps: MPEG program and transport streams have no
    /// index, so FFmpeg binary-searches them by the decoding timestamps it reads back. Everywhere else the
    /// index is searched by presentation time. With B-frames a keyframe's decoding timestamp comes before its
    /// presentation timestamp, so seeking such a stream to the latter lands on a later, non-key packet.
    var seeksByDecodeTimestamp: Bool {
        ["mpegts", "mpegtsraw", "mpeg"].contains(containerName)
    }

    /// Goes back to the first byte, so the next packet read is the stream's first (a byte seek, which needs no
    /// timestamps).
    func rewindToStart() throws(VideoError) {
        try check(av_seek_frame(format, -1, 0, AVSEEK_FLAG_BYTE), "Could not go back to the start of the input", kind: .io)
    }

    /// Seeks so the next packet read is the keyframe at or before `timestamp` (stream time base).
    func seek(toKeyframeAtOrBefore timestamp: Int64) throws(VideoError) {
        try check(
            av_seek_frame(format, stream.pointee.index, timestamp, AVSEEK_FLAG_BACKWARD), "Could not seek in the input",
            kind: .io)
    }
}
