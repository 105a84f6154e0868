import Foundation
import Testing

@testable import ModelCore

/// `Evaluation` on hand-made heads and examples whose every figure can be worked out on paper.
@Suite struct TrainingEvaluationTests {
    /// W = I, b = 0: the logits are the (single-frame) feature itself.
    func identityHead(classes: Int) throws -> ClassifierHead {
        var identity = [Float](repeating: 0, count: classes * classes)
        for c in 0..<classes { identity[c * classes + c] = 1 }
        return try ClassifierHead(
            pooling: .mean, weight: Tensor(shape: [classes, classes], values: identity), bias: .zeros(shape: [classes]))
    }

    func example(_ feature: [Float], label: Int) -> LabelledFeatures {
        LabelledFeatures(features: Tensor(shape: [1, feature.count], values: feature), label: label)
    }

    @Test func accuracyConfusionPrecisionRecallAndLossOnFourExamples() throws {
        let examples = [
            example([1, 0, 0], label: 0),  // predicted 0: right
            example([0, 1, 0], label: 0),  // predicted 1: wrong
            example([0, 1, 0], label: 1),  // predicted 1: right
            example([1, 0, 0], label: 2),  // predicted 0: wrong
        ]
        let score = try Evaluation(head: identityHead(classes: 3), examples: examples, classes: 3)
        #expect(score.confusion == [[1, 1, 0], [0, 1, 0], [1, 0, 0]])
        #expect(score.accuracy == 0.5)
        #expect(score.top5Accuracy == 1)
        #expect(score.precision == [0.5, 0.5, nil])
        #expect(score.recall == [0.5, 1, 0])
        // Each example's logits are a one-hot: L = log(e + 2) − 1 when right, log(e + 2) when wrong.
        #expect(abs(score.loss - (Foundation.log(M_E + 2) - 0.5)) <= 1e-6)
    }

    @Test func topFiveCountsTheTrueClassAmongTheFiveLargestLogits() throws {
        let logits: [Float] = [7, 6, 5, 4, 3, 2, 1]
        let score = try Evaluation(
            head: identityHead(classes: 7), examples: [example(logits, label: 4), example(logits, label: 5)], classes: 7
        )
        #expect(score.top5Accuracy == 0.5)
        #expect(score.accuracy == 0)
        #expect(score.recall == [nil, nil, nil, nil, 0, 0, nil])
        #expect(score.precision == [0, nil, nil, nil, nil, nil, nil])
    }

    @Test func mismatchedClassCountsAndEmptySetsThrow() throws {
        let head = try identityHead(classes: 3)
        #expect(throws: ModelError.self) {
            try Evaluation(head: head, examples: [example([1, 0, 0], label: 0)], classes: 4)
        }
        #expect(
            throws: ModelError(.invalidArgument, "The evaluation set is empty; give at least one labelled example.")
        ) {
            try Evaluation(head: head, examples: [], classes: 3)
        }
        #expect(throws: ModelError.self) {
            try Evaluation(head: head, examples: [example([1, 0], label: 0)], classes: 3)
        }
    }
}
