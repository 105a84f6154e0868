/// Trains a pooling + linear + softmax head on cached per-frame features (the backbone stays frozen).
///
/// ```swift
/// let trainer = HeadTrainer(settings: TrainingSettings(epochs: 40, seed: 1))
/// let (head, history) = try trainer.train(
///     pooling: .attention, classes: labels.count, training: train, validation: held) { report in
///     progress.update(report)                      // the trainer itself never prints
/// }
/// ```
///
/// Each epoch shuffles the training examples (seeded), walks them in mini-batches of `batchSize`,
/// and after each batch moves the head one optimizer step along the batch's mean cross-entropy
/// gradient (`ClassifierHead.lossAndGradients`). The same settings and data always give the same head.
/// Cost per epoch: about three forward passes' worth of work per training example plus one forward pass
/// per validation example — milliseconds for hundreds of examples at d = 1280.
public struct HeadTrainer: Sendable {
    /// The hyper-parameters of every run.
    public var settings: TrainingSettings

    /// A trainer that uses `settings`.
    public init(settings: TrainingSettings) {
        self.settings = settings
    }

    /// Trains a fresh head and returns it with the per-epoch history.
    ///
    /// With a non-empty `validation` set the returned head is the one with the lowest validation loss
    /// seen after any epoch, and early stopping (`settings.patience`) may end training before
    /// `settings.epochs`; without one, it is the head after the last epoch. `onEpoch` receives each
    /// epoch's report as soon as it is known.
    /// - Throws: `ModelError` when the settings are out of range, `classes` < 2, `training` is empty, or
    ///   any example has a label outside `0..<classes` or features not `[T, d]` with one shared d.
    public func train(
        pooling: Pooling, classes: Int, training: [LabelledFeatures], validation: [LabelledFeatures],
        onEpoch: (EpochReport) -> Void = { _ in }
    ) throws -> (head: ClassifierHead, history: [EpochReport]) {
        try settings.validate()
        guard classes >= 2 else {
            throw ModelError(
                .invalidArgument, "Training needs at least 2 classes, got \(classes); add examples of another class.")
        }
        let d = try training.checkedFeatureDimension(role: "training", classes: classes)
        if !validation.isEmpty {
            _ = try validation.checkedFeatureDimension(role: "validation", classes: classes, expectedDimension: d)
        }
        var head = ClassifierHead.initialized(
            pooling: pooling, classes: classes, featureDimension: d, seed: settings.seed)
        var optimizer = HeadOptimizer(settings: settings, head: head)
        var random = SplitMix64(seed: settings.seed ^ 0x5EED_0F_0BDE)
        var order = Array(training.indices)
        var history: [EpochReport] = []
        var best: (head: ClassifierHead, loss: Double)?
        var epochsSinceBest = 0
        for epoch in 1...settings.epochs {
            random.shuffle(&order)
            var report = try runEpoch(epoch, order: order, of: training, head: &head, optimizer: &optimizer)
            if !validation.isEmpty {
                let score = try Evaluation(head: head, examples: validation, classes: classes)
                (report.validationLoss, report.validationAccuracy) = (score.loss, score.accuracy)
                if score.loss < best?.loss ?? .infinity {
                    best = (head, score.loss)
                    epochsSinceBest = 0
                } else {
                    epochsSinceBest += 1
                }
            }
            history.append(report)
            onEpoch(report)
            if let patience = settings.patience, epochsSinceBest >= patience { break }
        }
        return (best?.head ?? head, history)
    }

    /// One pass over `examples` in the shuffled `order`, one optimizer step per mini-batch.
    private func runEpoch(
        _ epoch: Int, order: [Int], of examples: [LabelledFeatures], head: inout ClassifierHead,
        optimizer: inout HeadOptimizer
    ) throws -> EpochReport {
        var totalLoss = 0.0
        var correct = 0
        for start in stride(from: 0, to: order.count, by: settings.batchSize) {
            let batch = order[start..<min(start + settings.batchSize, order.count)]
            var gradients = HeadGradients.zeros(like: head)
            for index in batch {
                let example = examples[index]
                let step = try head.accumulateGradients(of: example, scale: 1 / Float(batch.count), into: &gradients)
                totalLoss += Double(step.loss)
                correct += step.predicted == example.label ? 1 : 0
            }
            optimizer.step(&head, along: gradients)
        }
        let count = Double(order.count)
        return EpochReport(epoch: epoch, trainLoss: totalLoss / count, trainAccuracy: Double(correct) / count)
    }
}
