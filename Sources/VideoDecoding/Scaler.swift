import CFFmpeg

/// Owner of one `SwsContext` converting pictures of one size and pixel format to RGB24 of another size,
/// configured like the ffmpeg command-line tool's scale filter so native-size results match it bit for bit.
///
/// What "like the CLI" means (FFmpeg 5.1 `vf_scale` defaults): the given interpolation flags (the CLI uses
/// bicubic), MPEG-2 vertical chroma siting (`src_v_chr_pos = 128`) for `yuv420p` input, and per frame the
/// colour matrix of the frame's colour space (BT.601 when unspecified) with the frame's range (full for
/// `yuvj*` formats). Colour details are re-applied only when they change, because doing so rebuilds tables
/// on the heap. Freed in deinit.
final class Scaler {
    struct Geometry: Equatable {
        var sourceWidth: Int32
        var sourceHeight: Int32
        var sourceFormat: AVPixelFormat
        var width: Int32
        var height: Int32
        var flags: Int32
    }

    let geometry: Geometry
    private let context: OpaquePointer
    private var colour: (space: AVColorSpace, isFullRange: Bool)?

    init(_ geometry: Geometry) throws(VideoError) {
        // swscale trusts its caller with sizes: beyond what av_image_check_size accepts, its buffer arithmetic
        // overflows `int` and it writes out of bounds.
        for (width, height) in [(geometry.sourceWidth, geometry.sourceHeight), (geometry.width, geometry.height)] {
            guard width > 0, height > 0, av_image_check_size(UInt32(width), UInt32(height), 0, nil) == 0 else {
                throw VideoError(
                    .frameTooLarge,
                    "A \(geometry.sourceWidth)×\(geometry.sourceHeight) picture cannot be scaled to \(geometry.width)×\(geometry.height), a size FFmpeg cannot address; use a video of ordinary proportions."
                )
            }
        }
        guard let context = cffmpeg_scaler_alloc() else {
            throw VideoError(.io, "Could not allocate a scaler; the process is out of memory.")
        }
        self.context = context
        self.geometry = geometry
        let raw = UnsafeMutableRawPointer(context)
        av_opt_set_int(raw, "srcw", Int64(geometry.sourceWidth), 0)
        av_opt_set_int(raw, "srch", Int64(geometry.sourceHeight), 0)
        av_opt_set_int(raw, "src_format", Int64(geometry.sourceFormat.rawValue), 0)
        av_opt_set_int(raw, "dstw", Int64(geometry.width), 0)
        av_opt_set_int(raw, "dsth", Int64(geometry.height), 0)
        av_opt_set_int(raw, "dst_format", Int64(AV_PIX_FMT_RGB24.rawValue), 0)
        av_opt_set_int(raw, "sws_flags", Int64(geometry.flags), 0)
        if geometry.sourceFormat == AV_PIX_FMT_YUV420P {
            av_opt_set_int(raw, "src_v_chr_pos", 128, 0)
        }
        try check(
            cffmpeg_scaler_init(context),
            "Could not set up conversion from \(pixelFormatName(geometry.sourceFormat)) to RGB", kind: .unsupportedCodec
        )
    }

    deinit { cffmpeg_scaler_free(context) }

    /// Converts `frame` into `destination` (RGB24, `geometry.width`×`geometry.height`).
    func scale(_ frame: Frame, into destination: PixelBuffer) throws(VideoError) {
        applyColourDetails(of: frame.pointer)
        var destinationPlanes:
            (
                UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt8>?,
                UnsafeMutablePointer<UInt8>?
            ) = (destination.bytes, nil, nil, nil)
        var destinationStrides: (Int32, Int32, Int32, Int32) = (Int32(destination.stride), 0, 0, 0)
        let picture = frame.pointer
        let rows = withUnsafePointer(to: &picture.pointee.data) { planes in
            withUnsafePointer(to: &picture.pointee.linesize) { strides in
                withUnsafePointer(to: &destinationPlanes) { outPlanes in
                    withUnsafePointer(to: &destinationStrides) { outStrides in
                        cffmpeg_scaler_scale(
                            context,
                            UnsafeRawPointer(planes).assumingMemoryBound(to: UnsafePointer<UInt8>?.self),
                            UnsafeRawPointer(strides).assumingMemoryBound(to: Int32.self),
                            0, geometry.sourceHeight,
                            UnsafeRawPointer(outPlanes).assumingMemoryBound(to: UnsafeMutablePointer<UInt8>?.self),
                            UnsafeRawPointer(outStrides).assumingMemoryBound(to: Int32.self))
                    }
                }
            }
        }
        try check(rows, "Could not convert a frame to RGB")
    }

    /// Converts `frame` into `destination`, an RGB24 frame of `geometry.width`×`geometry.height` with its own
    /// buffer, through swscale's frame interface. Native-size conversions go this way: at some widths (338 and
    /// 340 among those tried) the older slice call leaves the last few pixels of each row unwritten on this path
    /// (FFmpeg 5.1's unscaled YUV→RGB24 converter), so they kept whatever the buffer held before, while the
    /// frame interface writes every pixel as the command-line tool does. It takes a reference to each frame per
    /// call, so the tensor path keeps the allocation-free slice call: when it converts at native size (a short
    /// side already at the resize length), its centre crop leaves at least 16 columns on each side, past any
    /// unwritten ones.
    func scale(_ frame: Frame, into destination: Frame) throws(VideoError) {
        applyColourDetails(of: frame.pointer)
        try check(
            cffmpeg_scaler_scale_frame(context, destination.pointer, frame.pointer), "Could not convert a frame to RGB")
    }

    private func applyColourDetails(of frame: UnsafeMutablePointer<AVFrame>) {
        let space = frame.pointee.colorspace
        let isFullRange = frame.pointee.color_range == AVCOL_RANGE_JPEG || isJPEGFormat(geometry.sourceFormat)
        if let colour, colour.space == space, colour.isFullRange == isFullRange { return }
        colour = (space, isFullRange)
        var inverseTable: UnsafeMutablePointer<Int32>?
        var table: UnsafeMutablePointer<Int32>?
        var sourceRange: Int32 = 0
        var destinationRange: Int32 = 0
        var brightness: Int32 = 0
        var contrast: Int32 = 0
        var saturation: Int32 = 0
        cffmpeg_scaler_get_colorspace_details(
            context, &inverseTable, &sourceRange, &table, &destinationRange, &brightness, &contrast, &saturation)
        let coefficients = sws_getCoefficients(Int32(space.rawValue))
        cffmpeg_scaler_set_colorspace_details(
            context, coefficients, isFullRange ? 1 : 0, coefficients, destinationRange, brightness, contrast, saturation
        )
    }
}

/// True for the deprecated full-range `yuvj*` formats, whose range is implied by the format itself.
private func isJPEGFormat(_ format: AVPixelFormat) -> Bool {
    [AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUVJ411P].contains(
        format)
}

/// FFmpeg's name for a pixel format, e.g. `yuv420p`, or `unknown`.
func pixelFormatName(_ format: AVPixelFormat) -> String {
    guard let name = av_get_pix_fmt_name(format) else { return "unknown" }
    return String(cString: name)
}
