import CFFmpeg

/// Owner of the `AVCodecContext` that decodes the selected stream, with FFmpeg's send/receive protocol
/// wrapped as a small state machine. Freed in deinit (which also joins the decoder's worker threads).
///
/// Decoding damaged data is not an error here: rejected packets and frames flagged corrupt are counted in the
/// reader's `MessageSink` and decoding continues; only resource failures throw.
final class Decoder {
    /// What `receive(into:)` produced.
    enum Output {
        /// A decoded frame is in the frame passed in.
        case frame
        /// The decoder needs another packet (`AVERROR(EAGAIN)`).
        case needsInput
        /// The decoder is fully drained (`AVERROR_EOF`).
        case endOfStream
    }

    let context: UnsafeMutablePointer<AVCodecContext>
    private let sink: MessageSink

    /// Opens a decoder for `stream` with frame + slice threading on `threadCount` threads (0 = automatic).
    init(stream: UnsafeMutablePointer<AVStream>, codec: UnsafePointer<AVCodec>, threadCount: Int, sink: MessageSink)
        throws(VideoError)
    {
        guard let context = avcodec_alloc_context3(codec) else {
            throw VideoError(.io, "Could not allocate a decoder context; the process is out of memory.")
        }
        self.context = context
        self.sink = sink
        try check(
            avcodec_parameters_to_context(context, stream.pointee.codecpar), "Could not configure the decoder",
            kind: .unsupportedCodec)
        context.pointee.opaque = sink.opaquePointer
        context.pointee.pkt_timebase = stream.pointee.time_base
        context.pointee.thread_count = Int32(max(0, threadCount))
        context.pointee.thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE
        try check(
            avcodec_open2(context, codec, nil), "Could not open the \(String(cString: codec.pointee.name)) decoder",
            kind: .unsupportedCodec)
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&context)
    }

    /// Sends one packet, or nil to start draining (the null packet tells the decoder no more input follows,
    /// so it flushes the frames it holds back for reordering). Invalid data is recorded, not thrown.
    func send(_ packet: Packet?) throws(VideoError) {
        let code = avcodec_send_packet(context, packet?.pointer)
        if code >= 0 || code == FFmpegCode.endOfFile { return }
        if code == FFmpegCode.again {
            throw VideoError(
                .corrupt, "The decoder refused input while holding output; this is a bug in the decode loop.")
        }
        if code == averror(ENOMEM) {
            throw VideoError(.io, "The decoder ran out of memory; decode fewer videos at once.")
        }
        sink.recordCorruption("A packet could not be decoded: \(ffmpegErrorText(code)).")
    }

    /// Receives the next frame into `frame` (which is unreferenced first).
    /// Consecutive decode errors are bounded (`maximumConsecutiveErrors`), so a decoder that keeps failing
    /// cannot spin forever.
    func receive(into frame: Frame) throws(VideoError) -> Output {
        for _ in 0..<Self.maximumConsecutiveErrors {
            frame.unref()
            let code = avcodec_receive_frame(context, frame.pointer)
            if code == FFmpegCode.again { return .needsInput }
            if code == FFmpegCode.endOfFile { return .endOfStream }
            if code == averror(ENOMEM) {
                throw VideoError(.io, "The decoder ran out of memory; decode fewer videos at once.")
            }
            if code < 0 {
                sink.recordCorruption("A frame could not be decoded: \(ffmpegErrorText(code)).")
                continue
            }
            if frame.pointer.pointee.decode_error_flags != 0 || frame.pointer.pointee.flags & AV_FRAME_FLAG_CORRUPT != 0
            {
                sink.recordCorruption("A frame was decoded with errors (concealed).")
            }
            return .frame
        }
        throw VideoError(
            .corrupt,
            "The decoder failed \(Self.maximumConsecutiveErrors) times in a row; the video is too damaged to decode.")
    }

    /// How many decode errors in a row `receive(into:)` tolerates before giving up.
    static let maximumConsecutiveErrors = 1000

    /// Discards buffered frames and resets the decoder after a seek.
    func flush() { avcodec_flush_buffers(context) }

    /// Which frames the decoder skips: `AVDISCARD_NONKEY` decodes keyframes only, `AVDISCARD_DEFAULT` all.
    var skipFrames: AVDiscard {
        get { context.pointee.skip_frame }
        set { context.pointee.skip_frame = newValue }
    }
}

/// `AVERROR(code)` for an errno value.
func averror(_ code: Int32) -> Int32 { cffmpeg_error_from_errno(code) }
