import ModelCore

/// Labels per time window of a long video: what `vidclass timeline` prints.
///
/// Windows start at 0, `hop`, 2·`hop`, … seconds (relative to the first frame) and last `window` seconds; the
/// last one may be cut short by the end of the video (and says so), and none starts after a window that already
/// reached the end. `Codable`: JSON output is this value.
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
        /// True when the end of the video cut the window short of `window` seconds: its labels come from fewer
        /// frames (a clip network sees them looped), and from less of the action.
        public var cutShort = false
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
    /// What a reader of the timeline should know about how it was cut, such as a window longer than the video.
    public var warnings: [String] = []
    /// The vidclass version, the model (name and SHA-256) and the options behind the labels: each window's F
    /// frames are its segment centres (sampling `uniform`, frames F), decoded exactly.
    public var run: RunDescription?
}

/// How to cut a video into windows for a ``Timeline``.
public struct TimelineOptions: Sendable, Equatable {
    /// Window length in seconds (> 0).
    public var window: Double
    /// Seconds between window starts (> 0); smaller than `window` makes windows overlap.
    public var hop: Double
    /// Frames sampled per window, F ≥ 1; `nil` uses the model's frames per clip (``BundleMetadata/frames``: those
    /// a trained head learned from, so a window sees what a classified clip does).
    public var framesPerWindow: Int?
    /// Labels per window.
    public var top: Int
    /// The memory the planned buffers may take; checked before decoding (see ``MemoryBudget``).
    public var memoryBudget: MemoryBudget
    /// The threads the model computes on (default ``ComputeContext/process``).
    public var compute: ComputeContext = .process

    /// The shortest window and hop accepted: one millisecond, finer than any video's frame spacing.
    public static let minimumSeconds = 0.001
    /// The most windows a timeline may have; a longer video needs a longer hop.
    public static let maximumWindows = 100_000

    public init(
        window: Double = 2, hop: Double = 1, framesPerWindow: Int? = nil, top: Int = 1, memoryBudget: MemoryBudget = .default
    ) {
        self.window = window
        self.hop = hop
        self.framesPerWindow = framesPerWindow
        self.top = top
        self.memoryBudget = memoryBudget
    }

    /// Checks the options, with `framesPerWindow` resolved to `frames`; every error names the option and its value.
    func validate(frames framesPerWindow: Int) throws(VidClassError) {
        guard window >= Self.minimumSeconds, window.isFinite else {
            throw VidClassError(.usage, "window (\(window) s) must be a finite number of seconds, at least \(Self.minimumSeconds).")
        }
        guard hop >= Self.minimumSeconds, hop.isFinite else {
            throw VidClassError(.usage, "hop (\(hop) s) must be a finite number of seconds, at least \(Self.minimumSeconds).")
        }
        guard (1...256).contains(framesPerWindow) else {
            throw VidClassError(.usage, "frames per window (\(framesPerWindow)) must be between 1 and 256.")
        }
        guard top >= 1 else { throw VidClassError(.usage, "top (\(top)) must be at least 1.") }
    }

    /// Throws unless a video of `duration` seconds gives at most ``maximumWindows`` windows.
    func checkWindowCount(duration: Double, input: String) throws(VidClassError) {
        guard duration.isFinite, duration >= 0 else {
            throw VidClassError(.badData, "\(input) has frame timestamps that span no finite duration; remux it with ffmpeg -c copy.")
        }
        let windows = (duration / hop).rounded(.up)
        guard windows <= Double(Self.maximumWindows) else {
            throw VidClassError(
                .usage,
                "A timeline of \(input) (\(duration) s) with a hop of \(hop) s would have \(windows) windows, more than \(Self.maximumWindows)", suggestion: .longerHop)
        }
    }
}
