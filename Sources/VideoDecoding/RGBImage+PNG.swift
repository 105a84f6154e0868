import CFFmpeg

extension RGBImage {
    /// The picture encoded as a PNG file, through libavcodec's PNG encoder (lossless, RGB24).
    ///
    /// Cost: one encoder set-up and one compression pass; allocates the result.
    public func pngData() throws -> [UInt8] {
        guard width > 0, height > 0 else {
            throw VideoError(.invalidArgument, "Cannot encode an empty \(width)×\(height) image as PNG.")
        }
        let encoder = try PNGEncoder(width: width, height: height)
        return try encoder.encode(self)
    }
}

/// Owner of a libavcodec PNG encoder context for one picture size; freed in deinit.
private final class PNGEncoder {
    private let context: UnsafeMutablePointer<AVCodecContext>

    init(width: Int, height: Int) throws(VideoError) {
        guard let codec = avcodec_find_encoder(AV_CODEC_ID_PNG) else {
            throw VideoError(.unsupportedCodec, "This FFmpeg build has no PNG encoder; install a full libavcodec.")
        }
        guard let context = avcodec_alloc_context3(codec) else {
            throw VideoError(.io, "Could not allocate a PNG encoder; the process is out of memory.")
        }
        self.context = context
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.pix_fmt = AV_PIX_FMT_RGB24
        context.pointee.time_base = AVRational(num: 1, den: 1)
        try check(avcodec_open2(context, codec, nil), "Could not open the PNG encoder", kind: .io)
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&context)
    }

    func encode(_ image: RGBImage) throws(VideoError) -> [UInt8] {
        let frame = try Frame()
        frame.pointer.pointee.width = Int32(image.width)
        frame.pointer.pointee.height = Int32(image.height)
        frame.pointer.pointee.format = AV_PIX_FMT_RGB24.rawValue
        try check(av_frame_get_buffer(frame.pointer, 0), "Could not allocate a picture for PNG encoding", kind: .io)
        let stride = Int(frame.pointer.pointee.linesize.0)
        let rowBytes = image.width * 3
        guard let plane = frame.pointer.pointee.data.0 else {
            throw VideoError(.io, "Could not allocate a picture for PNG encoding; the process is out of memory.")
        }
        image.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<image.height {
                (plane + row * stride).update(from: pixels.baseAddress! + row * rowBytes, count: rowBytes)
            }
        }
        try check(avcodec_send_frame(context, frame.pointer), "Could not encode the PNG", kind: .io)
        try check(avcodec_send_frame(context, nil), "Could not finish the PNG", kind: .io)
        let packet = try Packet()
        try check(avcodec_receive_packet(context, packet.pointer), "Could not encode the PNG", kind: .io)
        defer { packet.unref() }
        return Array(UnsafeBufferPointer(start: packet.pointer.pointee.data, count: Int(packet.pointer.pointee.size)))
    }
}
