extension RGBImage {
    /// Reads a still image (PNG, JPEG, BMP, …) through FFmpeg, with the same conversion as video frames.
    ///
    /// ```swift
    /// let cat = try RGBImage(contentsOf: "chelsea.png")
    /// ```
    /// Errors are `VideoError`s with the same kinds as for videos (`.fileNotFound`, `.notAVideo`, …).
    public init(contentsOf path: String) throws {
        let reader = try VideoReader(.path(path), options: DecoderOptions(threadCount: 1))
        var decoded: RGBImage?
        try reader.forEachFrame { frame in
            decoded = try frame.rgbImage()
            return false
        }
        guard let decoded else {
            throw VideoError(.corrupt, "\(path) contains no decodable picture; check that the image is intact.")
        }
        self = decoded
    }
}
