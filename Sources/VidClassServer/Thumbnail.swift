import Foundation
import VidClass

/// A sampled frame made small enough to send back to a page: halved until its longer side is at most
/// ``maximumSide`` pixels (a 2×2 box average per halving), encoded as PNG in a `data:` URL.
///
/// ```swift
/// let url = try Thumbnail.dataURL(of: frame)   // "data:image/png;base64,iVBORw0…", about 20 kB for 112×112
/// ```
enum Thumbnail {
    static let maximumSide = 128

    static func dataURL(of image: RGBImage) throws -> String {
        var image = image
        while max(image.width, image.height) > maximumSide, image.width >= 2, image.height >= 2 { image = halved(image) }
        return "data:image/png;base64," + Data(try image.pngData()).base64EncodedString()
    }

    /// Each output pixel the mean of a 2×2 block (a last odd row or column is dropped).
    private static func halved(_ image: RGBImage) -> RGBImage {
        let (width, height) = (image.width / 2, image.height / 2)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { source in
            for y in 0..<height {
                for x in 0..<width {
                    for channel in 0..<3 {
                        let top = (2 * y * image.width + 2 * x) * 3 + channel
                        let bottom = top + image.width * 3
                        let sum = Int(source[top]) + Int(source[top + 3]) + Int(source[bottom]) + Int(source[bottom + 3])
                        pixels[(y * width + x) * 3 + channel] = UInt8((sum + 2) / 4)
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
