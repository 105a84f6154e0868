/// What one epoch of training achieved: the figures a progress bar or a JSON log line shows.
///
/// `trainLoss` and `trainAccuracy` are measured on the fly, over the epoch's mini-batches as the
/// parameters moved (as most training logs do), so they lag the end-of-epoch head slightly; the
/// validation figures are measured on the end-of-epoch head and are `nil` without a validation set.
/// Accuracies are fractions in [0, 1]; losses are mean cross-entropies in nats.
public struct EpochReport: Sendable, Equatable, Codable {
    /// 1 for the first epoch.
    public var epoch: Int
    /// Mean cross-entropy over the training examples during the epoch.
    public var trainLoss: Double
    /// Fraction of training examples classified correctly during the epoch.
    public var trainAccuracy: Double
    /// Mean cross-entropy on the validation set after the epoch.
    public var validationLoss: Double?
    /// Fraction of validation examples classified correctly after the epoch.
    public var validationAccuracy: Double?

    /// Bundles one epoch's figures.
    public init(
        epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double? = nil,
        validationAccuracy: Double? = nil
    ) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
    }
}
