import CFFmpeg

/// Turns decoded frames into RGB pictures and normalised model-input tensors, reusing its swscale contexts
/// and pixel buffers from frame to frame.
///
/// Not thread-safe: owned by one `VideoReader`. Cost per call: one swscale pass plus, for tensors, one pass
/// over the crop; after the first frame of a given size, the tensor path performs no heap allocation (except
/// for the frame reference a picture of extreme aspect ratio is cut through, see `ResizePlan`).
final class FrameConverter {
    private var nativeScaler: Scaler?
    private var resizeScaler: Scaler?
    /// The RGB24 frame native-size pictures are converted into, reallocated only when the size changes.
    private var nativePicture: Frame?
    private let resizeBuffer = PixelBuffer()
    private let rotation: Int

    /// Creates a converter that turns pictures `rotation` degrees clockwise (0, 90, 180 or 270).
    init(rotation: Int) {
        self.rotation = rotation
    }

    /// The picture at its native display size as RGB24, bit-identical to `ffmpeg -pix_fmt rgb24`.
    func rgbImage(from frame: Frame) throws(VideoError) -> RGBImage {
        let width = Int(frame.pointer.pointee.width)
        let height = Int(frame.pointer.pointee.height)
        let scaler = try scaler(
            &nativeScaler, for: frame, width: width, height: height, flags: cffmpeg_scaler_bicubic())
        let picture = try nativeDestination(width: width, height: height)
        try scaler.scale(frame, into: picture)
        let swapsSides = rotation == 90 || rotation == 270
        let outputWidth = swapsSides ? height : width
        let outputHeight = swapsSides ? width : height
        var pixels = [UInt8](repeating: 0, count: outputWidth * outputHeight * 3)
        guard let source = picture.pointer.pointee.data.0 else {
            throw VideoError(.io, "The converted picture has no pixels; the process is out of memory.")
        }
        let stride = Int(picture.pointer.pointee.linesize.0)
        pixels.withUnsafeMutableBufferPointer { output in
            var to = 0
            for y in 0..<outputHeight {
                let walk = displayRow(y, storedWidth: width, storedHeight: height, stride: stride)
                var from = walk.start
                for _ in 0..<outputWidth {
                    output[to] = source[from]
                    output[to + 1] = source[from + 1]
                    output[to + 2] = source[from + 2]
                    to += 3
                    from += walk.step
                }
            }
        }
        return RGBImage(width: outputWidth, height: outputHeight, pixels: pixels)
    }

    /// Resizes (bilinear, short side → `spec.resizeShortSide`), centre-crops and normalises `frame` into
    /// `destination[offset ..< offset + spec.valuesPerFrame]`, HWC order (RGB last). A picture whose resized
    /// long side would be huge is cut to the band around the crop before it is resized (`ResizePlan`), so the
    /// buffers and the sizes given to swscale stay bounded whatever the picture's proportions.
    func writeTensor(from frame: Frame, into destination: inout [Float], at offset: Int, spec: PreprocessSpec)
        throws(VideoError)
    {
        try spec.validate()
        guard offset >= 0, offset + spec.valuesPerFrame <= destination.count else {
            throw VideoError(
                .invalidArgument,
                "The tensor slot at offset \(offset) needs \(spec.valuesPerFrame) floats but the destination holds \(destination.count)."
            )
        }
        let swapsSides = rotation == 90 || rotation == 270
        let plan = ResizePlan(
            width: Int(frame.pointer.pointee.width), height: Int(frame.pointer.pointee.height),
            shortSide: spec.resizeShortSide, crop: spec.cropSize)
        let source = plan.cutsSource ? try cut(frame, to: plan) : frame
        let (resizedWidth, resizedHeight) = (plan.resizedWidth, plan.resizedHeight)
        let display = swapsSides ? (width: resizedHeight, height: resizedWidth) : (width: resizedWidth, height: resizedHeight)
        let scaler = try scaler(
            &resizeScaler, for: source, width: resizedWidth, height: resizedHeight, flags: cffmpeg_scaler_bilinear())
        resizeBuffer.reserve(width: resizedWidth, height: resizedHeight)
        try scaler.scale(source, into: resizeBuffer)
        let crop = spec.cropSize
        let left = (display.width - crop) / 2
        let top = (display.height - crop) / 2
        let (scaleR, scaleG, scaleB) = (1 / spec.std[0], 1 / spec.std[1], 1 / spec.std[2])
        let (shiftR, shiftG, shiftB) = (-spec.mean[0] * scaleR, -spec.mean[1] * scaleG, -spec.mean[2] * scaleB)
        let pixels = resizeBuffer.bytes
        let stride = resizeBuffer.stride
        destination.withUnsafeMutableBufferPointer { output in
            var to = offset
            for y in top..<(top + crop) {
                let walk = displayRow(y, storedWidth: resizedWidth, storedHeight: resizedHeight, stride: stride)
                var from = walk.start + left * walk.step
                for _ in 0..<crop {
                    output[to] = Float(pixels[from]) * scaleR + shiftR
                    output[to + 1] = Float(pixels[from + 1]) * scaleG + shiftG
                    output[to + 2] = Float(pixels[from + 2]) * scaleB + shiftB
                    to += 3
                    from += walk.step
                }
            }
        }
    }

    /// `nativePicture`, (re)allocated by FFmpeg for a `width`×`height` RGB24 picture when it has another size.
    /// A new reference to `frame`'s picture cut to the plan's source part (no pixels are copied).
    private func cut(_ frame: Frame, to plan: ResizePlan) throws(VideoError) -> Frame {
        let part = try Frame()
        try check(av_frame_ref(part.pointer, frame.pointer), "Could not reference a frame to crop it", kind: .io)
        let picture = part.pointer
        picture.pointee.crop_left = plan.sourceLeft
        picture.pointee.crop_top = plan.sourceTop
        picture.pointee.crop_right = Int(picture.pointee.width) - plan.sourceLeft - plan.sourceWidth
        picture.pointee.crop_bottom = Int(picture.pointee.height) - plan.sourceTop - plan.sourceHeight
        try check(
            av_frame_apply_cropping(picture, Int32(AV_FRAME_CROP_UNALIGNED)),
            "Could not crop a \(picture.pointee.width)×\(picture.pointee.height) frame", kind: .unsupportedCodec)
        return part
    }

    private func nativeDestination(width: Int, height: Int) throws(VideoError) -> Frame {
        if let picture = nativePicture, picture.pointer.pointee.buf.0 != nil,
            picture.pointer.pointee.width == Int32(width), picture.pointer.pointee.height == Int32(height)
        {
            return picture
        }
        let picture = try reused(&nativePicture, orMake: Frame.init)
        picture.unref()
        picture.pointer.pointee.width = Int32(width)
        picture.pointer.pointee.height = Int32(height)
        picture.pointer.pointee.format = AV_PIX_FMT_RGB24.rawValue
        try check(av_frame_get_buffer(picture.pointer, 0), "Could not allocate an RGB picture", kind: .io)
        return picture
    }

    /// Addresses of the reused buffers and scalers, to verify that steady-state conversion allocates nothing.
    var reusableStorageAddresses: [UInt] {
        [
            UInt(bitPattern: nativePicture?.pointer.pointee.data.0), resizeBuffer.storageAddress,
            nativeScaler.map { UInt(bitPattern: ObjectIdentifier($0).hashValue) } ?? 0,
            resizeScaler.map { UInt(bitPattern: ObjectIdentifier($0).hashValue) } ?? 0,
        ]
    }

    /// Where display row `y` starts in a stored (unrotated) RGB24 picture with `stride` bytes per row, as a byte
    /// offset, and the byte step from one display pixel to the next along the row (a row of the display is a
    /// row or a column of the stored picture, walked either way).
    private func displayRow(_ y: Int, storedWidth: Int, storedHeight: Int, stride: Int) -> (start: Int, step: Int) {
        switch rotation {
        case 90: ((storedHeight - 1) * stride + y * 3, -stride)
        case 180: ((storedHeight - 1 - y) * stride + (storedWidth - 1) * 3, -3)
        case 270: ((storedWidth - 1 - y) * 3, stride)
        default: (y * stride, 3)
        }
    }

    /// Returns `cached` when it already converts `frame`'s size and format to `width`×`height`, else a new one.
    private func scaler(_ cached: inout Scaler?, for frame: Frame, width: Int, height: Int, flags: Int32)
        throws(VideoError) -> Scaler
    {
        let geometry = Scaler.Geometry(
            sourceWidth: frame.pointer.pointee.width,
            sourceHeight: frame.pointer.pointee.height,
            sourceFormat: AVPixelFormat(rawValue: frame.pointer.pointee.format),
            width: Int32(width), height: Int32(height), flags: flags)
        if let cached, cached.geometry == geometry { return cached }
        let scaler = try Scaler(geometry)
        cached = scaler
        return scaler
    }
}
