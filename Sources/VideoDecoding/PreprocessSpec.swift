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

    /// Floats written per frame: cropSize × cropSize × 3.
    public var valuesPerFrame: Int { cropSize * cropSize * 3 }

    /// The resized size for a `width`×`height` picture: the short side becomes `resizeShortSide`, the long side
    /// is scaled by the same factor and rounded to nearest (as PIL and torchvision do).
    public func resizedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let scale = Double(resizeShortSide) / Double(min(width, height))
        if width <= height {
            return (resizeShortSide, max(1, Int((Double(height) * scale).rounded())))
        }
        return (max(1, Int((Double(width) * scale).rounded())), resizeShortSide)
    }

    /// Throws `.invalidArgument` naming the first bad field (sizes ≥ 1, crop ≤ resize, 3 means, 3 non-zero stds).
    public func validate() throws(VideoError) {
        guard resizeShortSide >= 1 else {
            throw VideoError(.invalidArgument, "resizeShortSide (\(resizeShortSide)) must be ≥ 1.")
        }
        guard cropSize >= 1, cropSize <= resizeShortSide else {
            throw VideoError(
                .invalidArgument, "cropSize (\(cropSize)) must be between 1 and resizeShortSide (\(resizeShortSide)).")
        }
        guard mean.count == 3, std.count == 3, std.allSatisfy({ $0 != 0 }) else {
            throw VideoError(
                .invalidArgument,
                "mean and std must each hold 3 values (RGB) and std must be non-zero; got \(mean) and \(std).")
        }
    }
}
