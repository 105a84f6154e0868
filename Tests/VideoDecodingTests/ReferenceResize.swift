import VideoDecoding

/// An independent implementation of PIL's `Image.resize(…, BILINEAR)` for RGB24, used to cross-check the
/// tensor path: separable triangle filter whose support widens with the shrink factor (area-aware), a
/// horizontal pass rounded to 8 bits, then a vertical pass rounded to 8 bits.
enum ReferenceResize {
    static func bilinear(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        let horizontal = pass(
            image.pixels, count: image.width, lines: image.height, to: width, pixelStep: 3, lineStep: image.width * 3,
            outLineStep: width * 3)
        let vertical = pass(
            horizontal, count: image.height, lines: width, to: height, pixelStep: width * 3, lineStep: 3, outLineStep: 3
        )
        return RGBImage(width: width, height: height, pixels: vertical)
    }

    /// Resamples `lines` lines of `count` pixels to `size` pixels along one axis.
    private static func pass(
        _ input: [UInt8], count: Int, lines: Int, to size: Int, pixelStep: Int, lineStep: Int, outLineStep: Int
    ) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: input.count / count * size)
        let scale = Double(count) / Double(size)
        let filterScale = max(scale, 1)
        let support = filterScale
        for target in 0..<size {
            let centre = (Double(target) + 0.5) * scale
            let first = max(Int(centre - support + 0.5), 0)
            let last = min(Int(centre + support + 0.5), count)
            var weights = (first..<last).map { max(0, 1 - abs((Double($0) - centre + 0.5) / filterScale)) }
            let total = weights.reduce(0, +)
            weights = weights.map { $0 / total }
            for line in 0..<lines {
                for channel in 0..<3 {
                    var sum = 0.0
                    for (k, source) in (first..<last).enumerated() {
                        sum += weights[k] * Double(input[line * lineStep + source * pixelStep + channel])
                    }
                    output[line * outLineStep + target * pixelStep + channel] = UInt8(min(255, max(0, sum.rounded())))
                }
            }
        }
        return output
    }
}
