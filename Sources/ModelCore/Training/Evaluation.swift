/// How well a head classifies labelled features: accuracy, top-5, loss, confusion, precision and recall.
///
/// ```swift
/// let score = try Evaluation(head: head, examples: heldOut, classes: labels.count)
/// print(score.accuracy, score.confusion[trueClass][predictedClass])
/// ```
///
/// The prediction is the class with the largest logit (the first on ties). `confusion[i][j]` counts
/// examples of true class i predicted as j. Precision of class c is TP / (examples predicted c), `nil`
/// when nothing was predicted c; recall is TP / (examples of class c), `nil` when the set has none.
/// Top-5 counts an example when fewer than 5 classes have a strictly larger logit than its true class
/// (so with ≤ 5 classes it is 1). Cost: one forward pass per example.
public struct Evaluation: Sendable, Equatable, Codable {
    /// Fraction of examples whose prediction is their label, in [0, 1].
    public var accuracy: Double
    /// Fraction of examples whose label is among the 5 largest logits, in [0, 1].
    public var top5Accuracy: Double
    /// Mean cross-entropy −log P(label | V), in nats.
    public var loss: Double
    /// `[classes][classes]`, row = true class, column = predicted class.
    public var confusion: [[Int]]
    /// Per class, the fraction of its predictions that were right; `nil` when it was never predicted.
    public var precision: [Double?]
    /// Per class, the fraction of its examples that were found; `nil` when it has no examples.
    public var recall: [Double?]

    /// Evaluates `head` on `examples`.
    /// - Throws: `ModelError` when `examples` is empty, `classes` differs from the head's class count, or
    ///   an example has a label outside `0..<classes` or features that do not fit the head.
    public init(head: ClassifierHead, examples: [LabelledFeatures], classes: Int) throws {
        guard classes == head.classCount else {
            throw ModelError(
                .invalidArgument,
                "The head has \(head.classCount) classes but \(classes) were given; evaluate with the label list the head was trained on."
            )
        }
        _ = try examples.checkedFeatureDimension(
            role: "evaluation", classes: classes, expectedDimension: head.featureDimension)
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        var totalLoss = 0.0
        var topFive = 0
        for example in examples {
            let logits = try head.logits(example.features)
            let truth = example.label
            confusion[truth][argmax(logits) ?? 0] += 1
            totalLoss += Double(crossEntropy(logits: logits, label: truth).loss)
            topFive += logits.filter { $0 > logits[truth] }.count < 5 ? 1 : 0
        }
        let count = Double(examples.count)
        let hits = (0..<classes).map { confusion[$0][$0] }
        accuracy = Double(hits.reduce(0, +)) / count
        top5Accuracy = Double(topFive) / count
        loss = totalLoss / count
        precision = (0..<classes).map { c in
            let predicted = confusion.reduce(0) { $0 + $1[c] }
            return predicted == 0 ? nil : Double(hits[c]) / Double(predicted)
        }
        recall = (0..<classes).map { c in
            let actual = confusion[c].reduce(0, +)
            return actual == 0 ? nil : Double(hits[c]) / Double(actual)
        }
        self.confusion = confusion
    }
}
