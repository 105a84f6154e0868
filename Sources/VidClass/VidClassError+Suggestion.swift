extension VidClassError {
    /// What the caller can change to get past an error, named in the library's terms, so each front end can
    /// word it in its own: the command line names its flags (`--force`), a server its query parameters, an app
    /// its settings. ``VidClassError/message`` words it for any reader ("allow overwriting or choose another
    /// path").
    ///
    /// ```swift
    /// catch let error as VidClassError where error.suggestion == .allowOverwriteOrChooseAnotherPath {
    ///     askToReplace(error.problem)
    /// }
    /// ```
    public enum Suggestion: String, Sendable, Codable, CaseIterable {
        /// An output exists: allow replacing it, or write elsewhere.
        case allowOverwriteOrChooseAnotherPath = "allow-overwrite-or-choose-another-path"
        /// The feature cache folder cannot be created or written: use another folder.
        case chooseWritableCache = "choose-writable-cache"
        /// A job would not fit its memory budget: sample fewer frames or allow more memory.
        case fewerFramesOrMoreMemory = "fewer-frames-or-more-memory"
        /// A timeline would have too many windows: use a longer hop between them.
        case longerHop = "longer-hop"
        /// A timeline would decode too many frames: a longer hop, or fewer frames per window.
        case longerHopOrFewerFrames = "longer-hop-or-fewer-frames"
        /// Random sampling of a stream that cannot be counted: sample uniformly, or read a file.
        case uniformSamplingOrFile = "uniform-sampling-or-file"
        /// A checkpoint's classifier has no known label list: give one.
        case giveLabels = "give-labels"
        /// A checkpoint does not hold the architecture's tensors: check the architecture named, or the file.
        case checkArchitecture = "check-architecture"
        /// The model lacks the pooling asked for: train a head with it.
        case trainWithPooling = "train-with-pooling"

        /// The advice in words any reader follows, without naming a front end's options.
        public var advice: String {
            switch self {
            case .allowOverwriteOrChooseAnotherPath: "allow overwriting it or choose another path"
            case .chooseWritableCache: "choose a writable feature cache folder"
            case .fewerFramesOrMoreMemory: "use fewer frames or raise the memory budget"
            case .longerHop: "use a longer hop"
            case .longerHopOrFewerFrames: "use a longer hop or fewer frames per window"
            case .uniformSamplingOrFile: "sample uniformly or read the video from a file"
            case .giveLabels: "give a label file with one class name per line"
            case .checkArchitecture: "check the architecture named or the file"
            case .trainWithPooling: "train a head with that pooling"
            }
        }
    }

    /// An error saying what is wrong (`problem`) and what to do (`suggestion`, worded by ``Suggestion/advice``
    /// in ``message``).
    public init(_ category: Category, _ problem: String, suggestion: Suggestion) {
        self.init(category, problem + "; " + suggestion.advice + ".")
        self.problem = problem
        self.suggestion = suggestion
    }
}
