import ModelCore

/// The backbone's features of the sampled frames of one video: h_t for t = 1…T, in sampling order.
public struct FrameFeatures: Sendable, Equatable {
    /// Where one row of ``features`` came from.
    public struct Frame: Sendable, Equatable, Codable {
        /// The decoded frame's index (presentation order, 0-based).
        public var index: Int
        /// Its presentation time in seconds.
        public var timestamp: Double
    }

    /// `[T, d]`: row t is h_t.
    public var features: Tensor
    /// The frame behind each row.
    public var frames: [Frame]
    /// Whether these came from the on-disk cache (nothing was decoded) rather than the video.
    public var fromCache: Bool
    /// Problems met on the way that did not stop the extraction, e.g. an invalid cache entry that was recomputed.
    public var warnings: [String] = []
}
