import CFFmpeg

extension VideoReader {
    /// Copies the selected stream's metadata into a `VideoInfo` value.
    static func describe(demuxer: Demuxer, decoder: Decoder, applyRotation: Bool) -> VideoInfo {
        let stream = demuxer.stream.pointee
        let parameters = stream.codecpar.pointee
        let timeBase = av_q2d(stream.time_base)
        let pixelFormat =
            decoder.context.pointee.pix_fmt != AV_PIX_FMT_NONE
            ? decoder.context.pointee.pix_fmt : AVPixelFormat(rawValue: parameters.format)
        let rotation = displayRotation(of: demuxer.stream)
        let swapsSides = applyRotation && (rotation == 90 || rotation == 270)
        let width = Int(parameters.width)
        let height = Int(parameters.height)
        let aspect = stream.sample_aspect_ratio.num != 0 ? stream.sample_aspect_ratio : parameters.sample_aspect_ratio
        var duration: Double?
        if stream.duration != FFmpegCode.noTimestamp, stream.duration > 0 {
            duration = Double(stream.duration) * timeBase
        } else if demuxer.format.pointee.duration != FFmpegCode.noTimestamp, demuxer.format.pointee.duration > 0 {
            duration = Double(demuxer.format.pointee.duration) / Double(AV_TIME_BASE)
        }
        return VideoInfo(
            container: demuxer.containerName,
            codec: String(cString: avcodec_get_name(parameters.codec_id)),
            pixelFormat: pixelFormatName(pixelFormat),
            streamIndex: Int(stream.index),
            codedWidth: width,
            codedHeight: height,
            width: swapsSides ? height : width,
            height: swapsSides ? width : height,
            rotation: rotation,
            sampleAspectRatio: aspect.num != 0 && aspect.den != 0
                ? Rational(numerator: Int(aspect.num), denominator: Int(aspect.den)) : nil,
            averageFrameRate: rate(stream.avg_frame_rate),
            realFrameRate: rate(stream.r_frame_rate),
            headerFrameCount: stream.nb_frames > 0 ? Int(stream.nb_frames) : nil,
            duration: duration,
            startTime: stream.start_time != FFmpegCode.noTimestamp ? Double(stream.start_time) * timeBase : nil,
            colorSpace: name(av_color_space_name(parameters.color_space)),
            colorRange: name(av_color_range_name(parameters.color_range)),
            bitDepth: Int(av_pix_fmt_desc_get(pixelFormat)?.pointee.comp.0.depth ?? 8),
            isSeekable: demuxer.bytes.isSeekable)
    }

    /// Clockwise rotation in degrees (0, 90, 180, 270) from the stream's display matrix.
    private static func displayRotation(of stream: UnsafeMutablePointer<AVStream>) -> Int {
        guard let matrix = cffmpeg_stream_display_matrix(stream) else { return 0 }
        let counterClockwise = av_display_rotation_get(matrix)
        guard counterClockwise.isFinite else { return 0 }
        let quarterTurns = Int((-counterClockwise / 90).rounded())
        return ((quarterTurns % 4) + 4) % 4 * 90
    }

    private static func rate(_ value: AVRational) -> Double? {
        value.num > 0 && value.den > 0 ? av_q2d(value) : nil
    }

    private static func name(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? "unknown"
    }
}
