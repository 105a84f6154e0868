/// Where a frame is cut and what size it is scaled to on its way to a model tensor, with every size bounded.
///
/// The tensor path resizes the short side to `resizeShortSide` and then centre-crops `cropSize`². For ordinary
/// aspect ratios the whole frame is resized, exactly as the reference preprocessing does. For extreme ones the
/// resized intermediate explodes: a 1×100 000 picture resized to a short side of 256 is 256×25 600 000 pixels
/// (19.7 GB), only to keep 224 rows of it. So when the resized long side would exceed ``maximumResizedSide``,
/// the frame is first cut, along its long side, to the centred band the crop can reach (plus a margin for the
/// bilinear filter), and only that band is resized at the same scale: the crop sees the same pixels, and
/// neither the buffer nor the dimensions handed to swscale can grow with the input's aspect ratio.
///
/// All sizes are in *stored* orientation (before the display rotation the converter applies when reading).
struct ResizePlan: Equatable {
    /// The part of the stored frame to scale: the whole frame unless the frame is extreme.
    var sourceLeft = 0, sourceTop = 0, sourceWidth: Int, sourceHeight: Int
    /// The size the source part is scaled to.
    var resizedWidth: Int, resizedHeight: Int

    /// The longest resized side scaled whole; beyond it the frame is cut first. 32:1 at a short side of 256.
    static let maximumResizedSide = 8192
    /// Resized pixels kept on each side of the crop when cutting, so the filter sees the crop's neighbours.
    static let margin = 16

    /// The plan for a `width`×`height` stored frame whose short side becomes `shortSide` and whose centre
    /// `crop`² is kept. Requires `1 ≤ crop ≤ shortSide ≤ PreprocessSpec.maximumSide` and positive frame sides.
    init(width: Int, height: Int, shortSide: Int, crop: Int) {
        let scale = Double(shortSide) / Double(min(width, height))
        // The long side at this scale, saturated so a forged frame size cannot overflow the conversion.
        func resized(_ side: Int) -> Int { max(1, Int(min((Double(side) * scale).rounded(), 1e15))) }
        sourceWidth = width
        sourceHeight = height
        (resizedWidth, resizedHeight) = width <= height ? (shortSide, resized(height)) : (resized(width), shortSide)
        if resizedHeight > Self.maximumResizedSide {
            (sourceTop, sourceHeight, resizedHeight) = Self.band(length: height, scale: scale, crop: crop)
        } else if resizedWidth > Self.maximumResizedSide {
            (sourceLeft, sourceWidth, resizedWidth) = Self.band(length: width, scale: scale, crop: crop)
        }
    }

    /// The centred band of a long side of `length` source pixels that covers `crop` + 2 × margin resized pixels:
    /// its first source pixel, its length in source pixels and its resized length. The band's length has the
    /// parity of `length`, so it is centred exactly and the crop stays where it would have been.
    private static func band(length: Int, scale: Double, crop: Int) -> (start: Int, length: Int, resized: Int) {
        let wanted = Double(crop + 2 * margin) / scale
        var band = min(length, Int(wanted.rounded(.up)) + 2)
        if (length - band) % 2 != 0 { band += 1 }
        let resized = Int((Double(band) * scale).rounded())
        return ((length - band) / 2, band, max(resized, crop))
    }
}

extension ResizePlan {
    /// The longest resized side any frame can get: ``maximumResizedSide`` when scaled whole, else the band:
    /// the crop, two margins and up to three source pixels of rounding at a scale of at most `shortSide`.
    static func maximumLongSide(shortSide: Int, crop: Int) -> Int {
        max(maximumResizedSide, crop + 2 * margin + 3 * shortSide + 1)
    }

    /// Whether the plan scales only part of the frame.
    var cutsSource: Bool { sourceLeft != 0 || sourceTop != 0 }
}
