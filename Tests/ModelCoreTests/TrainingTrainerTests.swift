import Testing

@testable import ModelCore

/// `HeadTrainer` on synthetic features: convergence, determinism, early stopping and input checks.
@Suite struct TrainingTrainerTests {
    /// A separable 3-class problem: in 2 of the T = 4 frames of a class-c video, dimension c is raised by
    /// 1.5 above uniform noise in [−0.3, 0.3]; the other frames are noise only. Mean, max and attention
    /// pooling can all separate it, max and attention more sharply.
    static func synthetic(count: Int, seed: UInt64, d: Int = 6) -> [LabelledFeatures] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            let label = i % 3
            var values = random.floats(4 * d, in: -0.3...0.3)
            for t in Array(0..<4).shuffled(using: &random).prefix(2) { values[t * d + label] += 1.5 }
            return LabelledFeatures(features: Tensor(shape: [4, d], values: values), label: label)
        }
    }

    static let training = synthetic(count: 30, seed: 1)
    static let validation = synthetic(count: 15, seed: 2)

    static let cases: [(Pooling, OptimizerKind)] = Pooling.allCases.flatMap { p in
        OptimizerKind.allCases.map { (p, $0) }
    }

    @Test(arguments: cases) func aSeparableProblemIsLearnedPerfectly(pooling: Pooling, optimizer: OptimizerKind) throws
    {
        let settings = TrainingSettings(
            epochs: 30, learningRate: optimizer == .adam ? 0.05 : 0.2, batchSize: 8, optimizer: optimizer, patience: nil
        )
        let (head, history) = try HeadTrainer(settings: settings).train(
            pooling: pooling, classes: 3, training: Self.training, validation: Self.validation)
        #expect(history.count == 30)
        #expect(history.map(\.epoch) == Array(1...30))
        let first = try #require(history.first)
        let last = try #require(history.last)
        #expect(last.trainLoss < first.trainLoss / 4, "train loss \(first.trainLoss) → \(last.trainLoss)")
        #expect(last.trainAccuracy == 1)
        #expect(last.validationAccuracy == 1)
        #expect(try Evaluation(head: head, examples: Self.validation, classes: 3).accuracy == 1)
        #expect((head.attention != nil) == (pooling == .attention))
    }

    @Test func trainingLossDecreasesAtTheDefaultLearningRate() throws {
        var reports: [EpochReport] = []
        let (_, history) = try HeadTrainer(settings: TrainingSettings(epochs: 10)).train(
            pooling: .mean, classes: 3, training: Self.training, validation: []
        ) { reports.append($0) }
        #expect(reports == history)
        #expect(history.allSatisfy { $0.validationLoss == nil && $0.validationAccuracy == nil })
        for (before, after) in zip(history, history.dropFirst()) {
            #expect(
                after.trainLoss < before.trainLoss, "epoch \(after.epoch): \(before.trainLoss) → \(after.trainLoss)")
        }
    }

    @Test func theSameSeedGivesTheSameHeadAndAnotherSeedDoesNot() throws {
        func train(seed: UInt64) throws -> (ClassifierHead, [EpochReport]) {
            let settings = TrainingSettings(epochs: 5, batchSize: 4, seed: seed)
            return try HeadTrainer(settings: settings).train(
                pooling: .attention, classes: 3, training: Self.training, validation: Self.validation)
        }
        let (a, historyA) = try train(seed: 3)
        let (b, historyB) = try train(seed: 3)
        let (c, _) = try train(seed: 4)
        #expect(a.weight == b.weight && a.bias == b.bias && a.attention == b.attention)
        #expect(historyA == historyB)
        #expect(a.weight != c.weight)
    }

    @Test func initializedHeadsAreSmallDeterministicAndShaped() {
        let head = ClassifierHead.initialized(pooling: .attention, classes: 4, featureDimension: 50, seed: 9)
        let again = ClassifierHead.initialized(pooling: .attention, classes: 4, featureDimension: 50, seed: 9)
        #expect(head.weight.shape == [4, 50] && head.bias.values == [0, 0, 0, 0] && head.attention?.shape == [50])
        #expect(head.weight == again.weight && head.attention == again.attention)
        #expect(head.weight.values.allSatisfy { abs($0) < 0.06 })
        #expect(Set(head.weight.values).count == 200)
        #expect(ClassifierHead.initialized(pooling: .max, classes: 2, featureDimension: 3, seed: 0).attention == nil)
    }

    @Test func earlyStoppingKeepsTheBestValidationEpoch() throws {
        // Validation labels unrelated to the features: validation loss soon rises and never recovers.
        let shuffled = Self.validation.enumerated().map {
            LabelledFeatures(features: $0.element.features, label: ($0.offset * 7 / 3) % 3)
        }
        let settings = TrainingSettings(epochs: 200, learningRate: 0.05, batchSize: 8, patience: 3)
        let (head, history) = try HeadTrainer(settings: settings).train(
            pooling: .mean, classes: 3, training: Self.training, validation: shuffled)
        let losses = history.compactMap(\.validationLoss)
        let best = try #require(losses.indices.min { losses[$0] < losses[$1] })
        #expect(history.count < 200)
        #expect(history.count == best + 1 + 3)
        let returned = try Evaluation(head: head, examples: shuffled, classes: 3)
        #expect(abs(returned.loss - losses[best]) <= 1e-9)
    }

    @Test func badInputsThrowOneClearSentence() throws {
        let trainer = HeadTrainer(settings: TrainingSettings(epochs: 1))
        let good = Self.training
        func expectError(
            _ message: String, classes: Int = 3, training: [LabelledFeatures], validation: [LabelledFeatures] = []
        ) {
            let error = #expect(throws: ModelError.self) {
                try trainer.train(pooling: .max, classes: classes, training: training, validation: validation)
            }
            #expect(error?.message == message)
        }
        expectError(
            "Training needs at least 2 classes, got 1; add examples of another class.", classes: 1, training: good)
        expectError("The training set is empty; give at least one labelled example.", training: [])
        var outOfRange = good
        outOfRange[4].label = 3
        expectError(
            "Training example 4 has label 3, outside 0..<3; labels must be class indices below the number of classes.",
            training: outOfRange)
        var mixed = good
        mixed[2].features = Tensor.zeros(shape: [4, 5])
        expectError(
            "Training example 2 has features of dimension 5, but d = 6 elsewhere; extract every example's features with the same backbone.",
            training: mixed)
        var noFrames = good
        noFrames[1].features = Tensor.zeros(shape: [0, 6])
        expectError("Training example 1 expects features [T, d] with T ≥ 1, got [0, 6].", training: noFrames)
        expectError(
            "Validation example 0 has features of dimension 5, but d = 6 elsewhere; extract every example's features with the same backbone.",
            training: good, validation: [LabelledFeatures(features: Tensor.zeros(shape: [4, 5]), label: 0)])
    }

    @Test func settingsOutOfRangeAreRejected() {
        let bad = [
            TrainingSettings(epochs: 0), TrainingSettings(learningRate: 0), TrainingSettings(batchSize: 0),
            TrainingSettings(weightDecay: -1), TrainingSettings(momentum: 1), TrainingSettings(patience: 0),
        ]
        for settings in bad {
            #expect(throws: ModelError.self) {
                try HeadTrainer(settings: settings).train(
                    pooling: .mean, classes: 3, training: Self.training, validation: [])
            }
        }
        #expect(TrainingSettings(optimizer: .sgd).learningRate == 1e-2)
        #expect(TrainingSettings().learningRate == 1e-3)
    }
}
