import VideoDecoding

/// An RGB drawing surface for contact sheets and plots: fill, paste a scaled picture, draw a line of text
/// (across or upwards).
struct Canvas {
    private(set) var image: RGBImage

    init(width: Int, height: Int, background: (UInt8, UInt8, UInt8)) {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for offset in stride(from: 0, to: pixels.count, by: 3) {
            (pixels[offset], pixels[offset + 1], pixels[offset + 2]) = background
        }
        image = RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Pastes `picture` scaled to `width`×`height` at (`x`, `y`), each target pixel the mean of the source pixels
    /// it covers (a box filter: no aliasing when shrinking a 1080p frame to a thumbnail).
    mutating func paste(_ picture: RGBImage, x: Int, y: Int, width: Int, height: Int) {
        guard picture.width > 0, picture.height > 0 else { return }
        for row in 0..<height {
            let top = row * picture.height / height
            let bottom = max(top + 1, (row + 1) * picture.height / height)
            for column in 0..<width {
                let left = column * picture.width / width
                let right = max(left + 1, (column + 1) * picture.width / width)
                var sums = (0, 0, 0)
                for sourceRow in top..<bottom {
                    for sourceColumn in left..<right {
                        let offset = (sourceRow * picture.width + sourceColumn) * 3
                        sums.0 += Int(picture.pixels[offset])
                        sums.1 += Int(picture.pixels[offset + 1])
                        sums.2 += Int(picture.pixels[offset + 2])
                    }
                }
                let count = (bottom - top) * (right - left)
                set(x + column, y + row, (UInt8(sums.0 / count), UInt8(sums.1 / count), UInt8(sums.2 / count)))
            }
        }
    }

    /// Draws `text` with its top-left corner at (`x`, `y`), each font pixel a `scale`×`scale` square, clipped to
    /// `maxWidth` pixels (a clipped line ends in "..").
    mutating func draw(_ text: String, x: Int, y: Int, scale: Int, maxWidth: Int, color: (UInt8, UInt8, UInt8)) {
        let advance = (BitmapFont.glyphWidth + 1) * scale
        let fits = max(0, maxWidth / advance)
        let shown = text.count <= fits ? text : String(text.prefix(max(0, fits - 2))) + ".."
        for (position, character) in shown.enumerated() {
            for (row, bits) in BitmapFont.rows(of: character).enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    fill(x: x + position * advance + column * scale, y: y + row * scale, width: scale, height: scale, color: color)
                }
            }
        }
    }

    /// Draws `text` turned a quarter turn anticlockwise, read from bottom to top (a vertical axis or column
    /// label): its first character's bottom-left corner at (`x`, `bottom`), each font pixel a `scale`×`scale`
    /// square. The text is `7·scale` pixels wide and `6·scale` pixels tall per character.
    mutating func drawUpward(_ text: String, x: Int, bottom: Int, scale: Int, color: (UInt8, UInt8, UInt8)) {
        let advance = (BitmapFont.glyphWidth + 1) * scale
        for (position, character) in text.enumerated() {
            for (row, bits) in BitmapFont.rows(of: character).enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    // Glyph pixel (column, row) turns to (row, −column): its top row becomes the left edge.
                    let y = bottom - position * advance - (column + 1) * scale
                    fill(x: x + row * scale, y: y, width: scale, height: scale, color: color)
                }
            }
        }
    }

    mutating func fill(x: Int, y: Int, width: Int, height: Int, color: (UInt8, UInt8, UInt8)) {
        for row in y..<(y + height) {
            for column in x..<(x + width) { set(column, row, color) }
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ color: (UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
        let offset = (y * image.width + x) * 3
        (image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]) = color
    }
}
