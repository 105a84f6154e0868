/// How a model wants its input frames.
///
/// Resize the short side to `resizeShortSide` (bilinear, area-aware when shrinking), centre-crop
/// `cropSize`×`cropSize` at offset ((W′−C)/2, (H′−C)/2) rounded down, then map each RGB value v ∈ 0…255 to
/// (v − mean[c]) / std[c]. The defaults are EfficientNet-Lite0's: 256, 224, (v − 127) / 128.
public struct PreprocessSpec: Sendable, Equatable, Codable {
    /// Target length of the shorter side after resizing.
    public var resizeShortSide: Int
    /// Side of the square centre crop; must not exceed `resizeShortSide`.
    public var cropSize: Int
    /// Per-channel mean, RGB order, in 0…255 units.
    public var mean: [Float]
    /// Per-channel standard deviation, RGB order, in 0…255 units.
    public var std: [Float]

    public init(
        resizeShortSide: Int = 256, cropSize: Int = 224, mean: [Float] = [127, 127, 127],
        std: [Float] = [128, 128, 128]
    ) {
        self.resizeShortSide = resizeShortSide
        self.cropSize = cropSize
        self.mean = mean
        self.std = std
    }

    /// The largest `resizeShortSide` (and so `cropSize`) accepted: 16× the usual 256, which bounds every
    /// buffer the tensor path allocates per frame whatever a model bundle's metadata says.
    public static let maximumSide = 4096

    /// The most bytes the RGB resize buffer of one frame can take, whatever the frame's size: extreme aspect
    /// ratios are cut before they are resized (`ResizePlan`). Requires a valid spec.
    public var maximumResizeBytes: Int {
        resizeShortSide * ResizePlan.maximumLongSide(shortSide: resizeShortSide, crop: cropSize) * 3
    }

    /// Floats written per frame: cropSize × cropSize × 3.
    public var valuesPerFrame: Int { cropSize * cropSize * 3 }

    /// The resized size for a `width`×`height` picture: the short side becomes `resizeShortSide`, the long side
    /// is scaled by the same factor and rounded to nearest (as PIL and torchvision do).
    public func resizedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let scale = Double(resizeShortSide) / Double(max(1, min(width, height)))
        // Saturated, so that no picture size can overflow the conversion to Int.
        func scaled(_ side: Int) -> Int { max(1, Int(min((Double(side) * scale).rounded(), 1e15))) }
        return width <= height ? (resizeShortSide, scaled(height)) : (scaled(width), resizeShortSide)
    }

    /// Throws `.invalidArgument` naming the first bad field (sizes 1…``maximumSide``, crop ≤ resize, 3 finite
    /// means, 3 finite non-zero stds).
    public func validate() throws(VideoError) {
        guard (1...Self.maximumSide).contains(resizeShortSide) else {
            throw VideoError(.invalidArgument, "resizeShortSide (\(resizeShortSide)) must be between 1 and \(Self.maximumSide).")
        }
        guard cropSize >= 1, cropSize <= resizeShortSide else {
            throw VideoError(
                .invalidArgument, "cropSize (\(cropSize)) must be between 1 and resizeShortSide (\(resizeShortSide)).")
        }
        guard mean.count == 3, std.count == 3, std.allSatisfy({ $0 != 0 }), mean.allSatisfy(\.isFinite), std.allSatisfy(\.isFinite) else {
            throw VideoError(
                .invalidArgument,
                "mean and std must each hold 3 finite values (RGB) and std must be non-zero; got \(mean) and \(std).")
        }
    }
}
