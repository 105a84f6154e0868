/// A view of the frame the reader currently holds, valid only inside the callback that received it.
///
/// Do not store it or use it after the callback returns: the reader reuses the underlying picture for the
/// next frame. Convert what you need (`rgbImage()`, `writeTensor`) inside the callback.
public struct DecodedFrame {
    /// Presentation-order frame number (in keyframe mode: the keyframe actually decoded).
    public let index: Int
    /// The requested frame number this delivery answers (equals `index` except in keyframe mode).
    public let requestedIndex: Int
    /// Seconds: best-effort pts × time base.
    public let timestamp: Double
    /// Whether the decoder marked this frame as a keyframe.
    public let isKeyframe: Bool

    let frame: Frame
    let converter: FrameConverter

    /// The picture at native display size as RGB24 (rotation applied), bit-identical to
    /// `ffmpeg -i X -pix_fmt rgb24`. Allocates the result.
    public func rgbImage() throws -> RGBImage {
        try converter.rgbImage(from: frame)
    }

    /// Writes `spec.cropSize`² × 3 Float32 values, HWC (channels last, RGB), into `destination` starting at
    /// `offset`: bilinear resize of the short side to `spec.resizeShortSide` (area-aware when shrinking, via
    /// swscale), centre crop, then (v − mean) / std. No full-size RGB intermediate; no heap allocation in
    /// steady state (the reader keeps its scaler and resized buffer).
    public func writeTensor(into destination: inout [Float], at offset: Int, spec: PreprocessSpec) throws {
        try converter.writeTensor(from: frame, into: &destination, at: offset, spec: spec)
    }
}
