/// A ratio of two integers, as FFmpeg stores sample aspect ratios and time bases.
public struct Rational: Sendable, Codable, Equatable, Hashable {
    public var numerator: Int
    public var denominator: Int

    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The ratio as a `Double`, or nil when the denominator is 0.
    public var doubleValue: Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
}

/// Stream metadata, copied out at open time. Codable so the CLI prints it as JSON.
///
/// Sizes: `codedWidth`×`codedHeight` is what the decoder produces; `width`×`height` is what converted frames
/// will be (after `rotation` when `DecoderOptions.applyRotation` is on). Counts and times are the
/// container's claims: `headerFrameCount` may be absent or wrong (use `VideoReader.scanIndex()` for the truth).
public struct VideoInfo: Sendable, Codable, Equatable {
    /// The container's short name(s), e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`.
    public var container: String
    /// The codec's short name, e.g. `h264`, `hevc`, `av1`.
    public var codec: String
    /// The decoder's pixel format, e.g. `yuv420p`, `yuv420p10le`.
    public var pixelFormat: String
    /// The absolute index of the decoded stream within the container.
    public var streamIndex: Int
    /// Width of the decoded picture, before rotation.
    public var codedWidth: Int
    /// Height of the decoded picture, before rotation.
    public var codedHeight: Int
    /// Display width after rotation: the width of converted frames.
    public var width: Int
    /// Display height after rotation: the height of converted frames.
    public var height: Int
    /// Degrees clockwise from the display matrix: 0, 90, 180 or 270.
    public var rotation: Int
    /// Pixel aspect ratio when the container or codec declares one.
    public var sampleAspectRatio: Rational?
    /// Average frames per second (`avg_frame_rate`).
    public var averageFrameRate: Double?
    /// The lowest frame rate that represents all timestamps exactly (`r_frame_rate`).
    public var realFrameRate: Double?
    /// The frame count the container claims (may lie, may be absent).
    public var headerFrameCount: Int?
    /// Stream (or else container) duration in seconds.
    public var duration: Double?
    /// Presentation time of the first frame in seconds.
    public var startTime: Double?
    /// Colour matrix name, e.g. `bt709`, `bt470bg`, `unknown`.
    public var colorSpace: String
    /// `tv` (limited), `pc` (full) or `unknown`.
    public var colorRange: String
    /// Bits per colour component of the decoded picture (8, 10, …).
    public var bitDepth: Int
    /// Whether random access (index scan, seeking) is possible: true for files, bytes and pipes held in memory,
    /// false for a stream longer than the pipe buffer.
    public var isSeekable: Bool
}
