import ModelCore

/// How `vidclass train` turns a dataset into a head: which frames, which pooling, which optimiser settings.
public struct TrainingOptions: Sendable {
    /// Pooling over time of the trained head.
    public var pooling: Pooling
    /// T, frames per clip (training and validation).
    public var frames: Int
    /// Sample training clips with one random frame per segment (TSN training); `false` uses segment centres.
    /// Validation clips always use segment centres, as classification does.
    public var randomTrainingFrames: Bool
    /// The fraction of each label's clips held out for validation when no separate validation set is given.
    public var validationFraction: Double
    /// Optimiser, epochs, learning rate, early stopping; its `seed` also drives the split and the frame draws.
    public var settings: TrainingSettings

    public init(
        pooling: Pooling = .mean, frames: Int = 8, randomTrainingFrames: Bool = true, validationFraction: Double = 0.2,
        settings: TrainingSettings = TrainingSettings()
    ) {
        self.pooling = pooling
        self.frames = frames
        self.randomTrainingFrames = randomTrainingFrames
        self.validationFraction = validationFraction
        self.settings = settings
    }

    /// Checks the options that are not the optimiser's; each error names the option and its value.
    func validate() throws(VidClassError) {
        guard (1...1024).contains(frames) else { throw VidClassError(.usage, "frames (\(frames)) must be between 1 and 1024.") }
        guard (0..<1).contains(validationFraction) else {
            throw VidClassError(.usage, "validation fraction (\(validationFraction)) must be at least 0 and below 1.")
        }
    }
}
