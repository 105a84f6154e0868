import VideoDecoding

/// One label and its probability.
public struct Prediction: Sendable, Equatable, Codable {
    public var label: String
    /// The class's index in the bundle's label list.
    public var classIndex: Int
    public var probability: Float

    public init(label: String, classIndex: Int, probability: Float) {
        self.label = label
        self.classIndex = classIndex
        self.probability = probability
    }
}

/// The result of classifying one video: what was read, which frames were used, and the top labels.
/// `Codable`: the command-line tool prints it as JSON, JSON Lines or CSV.
public struct Classification: Sendable, Equatable, Codable {
    /// A short summary of the video's metadata (the full record is ``VideoInfo``).
    public struct VideoSummary: Sendable, Equatable, Codable {
        public var container: String
        public var codec: String
        public var width: Int
        public var height: Int
        public var rotation: Int
        public var frameRate: Double?
        public var frameCount: Int
        public var duration: Double?
    }

    /// One sampled frame: where it is in the video, its attention weight α_t (attention pooling only) and, when
    /// asked for, its own top label (the head's classifier applied to that frame's features alone).
    public struct SampledFrame: Sendable, Equatable, Codable {
        /// The frame decoded and used.
        public var index: Int
        /// The frame the sampling asked for.
        public var requestedIndex: Int
        /// True when `requestedIndex` could not be decoded (damaged data) and `index`, the nearest frame that
        /// could, was used in its place.
        public var substituted: Bool
        public var timestamp: Double
        public var attention: Float?
        public var topLabel: Prediction?
    }

    public var input: String
    public var video: VideoSummary
    /// The sampling, as the command line would spell it (e.g. `uniform 16`, `stride 16x2`).
    public var sampling: String
    /// For clip sampling (a strided clip, or several spread over the video): the fraction of the video's frames
    /// between the first and last frame of a sampled clip — how much of it a clip network saw. Nil, and absent
    /// from JSON, for frame sampling, which spreads single frames over the whole video.
    public var coverage: Double?
    /// Why the sampled frames may differ from those the same video as a file gives, when they may: set only for
    /// a stream longer than the pipe buffer, whose frames are picked in one pass before its length is known (its
    /// `frameCount` is then the frames read). Nil — and absent from JSON — when the sampling is exact.
    public var approximate: String?
    public var seek: String
    public var pooling: String
    public var frames: [SampledFrame]
    /// The top-k labels, most probable first.
    public var predictions: [Prediction]
    /// Parts of the input that could not be decoded (corrupt packets), and each sampled frame used in place of
    /// one that could not, when any.
    public var warnings: [String]
}
