/// Labels per time window of a long video: what `vidclass timeline` prints.
///
/// Windows start at 0, `hop`, 2·`hop`, … seconds (relative to the first frame) and last `window` seconds; the
/// last ones may be cut short by the end of the video. `Codable`: JSON output is this value.
public struct Timeline: Sendable, Equatable, Codable {
    /// One window and its labels.
    public struct Window: Sendable, Equatable, Codable {
        /// Start and end in seconds from the first frame.
        public var start: Double
        public var end: Double
        /// The frames whose features were pooled (presentation indices).
        public var frames: [Int]
        /// The top labels, most probable first.
        public var predictions: [Prediction]
    }

    public var input: String
    /// Seconds from the first frame to the end of the last one.
    public var duration: Double
    public var window: Double
    public var hop: Double
    public var framesPerWindow: Int
    public var pooling: String
    public var windows: [Window]
    /// How many different frames the windows use: each was decoded once and run through the backbone once.
    public var distinctFrames: Int
    /// How many frames went through the backbone: ``distinctFrames`` at most, since overlapping windows share
    /// features (and, with keyframe seeking, so do frames that snap to the same keyframe).
    public var backboneFrames: Int
}

/// How to cut a video into windows for a ``Timeline``.
public struct TimelineOptions: Sendable, Equatable {
    /// Window length in seconds (> 0).
    public var window: Double
    /// Seconds between window starts (> 0); smaller than `window` makes windows overlap.
    public var hop: Double
    /// Frames sampled per window, F ≥ 1.
    public var framesPerWindow: Int
    /// Labels per window.
    public var top: Int

    public init(window: Double = 2, hop: Double = 1, framesPerWindow: Int = 8, top: Int = 1) {
        self.window = window
        self.hop = hop
        self.framesPerWindow = framesPerWindow
        self.top = top
    }

    /// Checks the options; every error names the option and its value.
    func validate() throws(VidClassError) {
        guard window > 0, window.isFinite else { throw VidClassError(.usage, "window (\(window) s) must be a positive number of seconds.") }
        guard hop > 0, hop.isFinite else { throw VidClassError(.usage, "hop (\(hop) s) must be a positive number of seconds.") }
        guard (1...256).contains(framesPerWindow) else {
            throw VidClassError(.usage, "frames per window (\(framesPerWindow)) must be between 1 and 256.")
        }
        guard top >= 1 else { throw VidClassError(.usage, "top (\(top)) must be at least 1.") }
    }
}
