import VideoDecoding

/// What a reader handed to the callback for one request, kept after the callback returns.
struct Delivery: Sendable {
    var requestedIndex: Int
    var index: Int
    var timestamp: Double
    var width: Int
    var height: Int
    var pixels: FrameHash

    /// Converts `frame` to RGB24 and fingerprints it.
    init(_ frame: DecodedFrame) throws {
        let image = try frame.rgbImage()
        requestedIndex = frame.requestedIndex
        index = frame.index
        timestamp = frame.timestamp
        width = image.width
        height = image.height
        pixels = FrameHash(image.pixels)
    }
}
