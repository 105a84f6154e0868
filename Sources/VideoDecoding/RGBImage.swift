/// A decoded 8-bit RGB picture: row-major, 3 bytes per pixel (R, G, B), no row padding.
///
/// ```swift
/// let image = try frame.rgbImage()
/// let red = image[x: 10, y: 20].red
/// try Data(image.pngData()).write(to: url)
/// ```
public struct RGBImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `width × height × 3` bytes.
    public var pixels: [UInt8]

    /// Wraps `pixels`; traps if the count is not `width × height × 3` (a programming error).
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(
            width >= 0 && height >= 0 && pixels.count == width * height * 3, "RGBImage needs width × height × 3 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y`.
    public subscript(x x: Int, y y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let offset = (y * width + x) * 3
        return (pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }

    /// The `width`×`height` region whose top-left corner is (`x`, `y`); traps if it does not fit.
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> RGBImage {
        precondition(x >= 0 && y >= 0 && x + width <= self.width && y + height <= self.height, "crop outside the image")
        var region = [UInt8]()
        region.reserveCapacity(width * height * 3)
        for row in y..<(y + height) {
            let start = (row * self.width + x) * 3
            region.append(contentsOf: pixels[start..<(start + width * 3)])
        }
        return RGBImage(width: width, height: height, pixels: region)
    }
}
