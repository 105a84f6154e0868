import Foundation
import Testing

@testable import ModelCore

/// Pooling, logits and softmax on small hand-worked tensors.
@Suite struct ClassifierHeadTests {
    /// T = 3 frames, d = 2: h_1 = (1, 4), h_2 = (3, −2), h_3 = (2, 1).
    let features = Tensor(shape: [3, 2], values: [1, 4, 3, -2, 2, 1])
    /// 2 classes: logits = (h_a + h_b + 1, h_a − h_b).
    let weight = Tensor(shape: [2, 2], values: [1, 1, 1, -1])
    let bias = Tensor(shape: [2], values: [1, 0])

    @Test func meanPoolingAveragesFrames() throws {
        let head = try ClassifierHead(pooling: .mean, weight: weight, bias: bias)
        let (video, weights) = try head.pool(features)
        #expect(video == [2, 1])
        #expect(weights == nil)
        #expect(try head.logits(features) == [4, 1])
    }

    @Test func maxPoolingTakesEachDimensionsPeak() throws {
        let head = try ClassifierHead(pooling: .max, weight: weight, bias: bias)
        #expect(try head.pool(features).video == [3, 4])
        #expect(try head.logits(features) == [8, -1])
    }

    @Test func attentionPoolingWeightsFramesBySoftmaxOfScores() throws {
        // w = (1, 0): scores are h_{t,1} = (1, 3, 2); α = softmax(1, 3, 2).
        let head = try ClassifierHead(
            pooling: .attention, weight: weight, bias: bias, attention: Tensor(shape: [2], values: [1, 0]))
        let (video, weights) = try head.pool(features)
        let e = [1.0, 3.0, 2.0].map { Foundation.exp($0 - 3) }
        let alpha = e.map { Float($0 / e.reduce(0, +)) }
        let alphaGot = try #require(weights)
        #expect(maxAbsDifference(alphaGot, alpha) <= 1e-6)
        #expect(abs(alphaGot.reduce(0, +) - 1) <= 1e-6)
        let want = (0..<2).map { j in (0..<3).reduce(Float(0)) { $0 + alpha[$1] * features.values[$1 * 2 + j] } }
        #expect(maxAbsDifference(video, want) <= 1e-6)
    }

    @Test func attentionWeightsSumToOneOnRandomFeatures() throws {
        var random = SeededGenerator(seed: 17)
        let d = 33
        let frames = 9
        let head = try ClassifierHead(
            pooling: .attention, weight: Tensor(shape: [4, d], values: random.floats(4 * d)),
            bias: Tensor(shape: [4], values: random.floats(4)),
            attention: Tensor(shape: [d], values: random.floats(d, in: -5...5)))
        let weights = try #require(
            try head.pool(Tensor(shape: [frames, d], values: random.floats(frames * d, in: -5...5))).weights)
        #expect(weights.count == frames)
        #expect(weights.allSatisfy { $0 >= 0 })
        #expect(abs(weights.reduce(0, +) - 1) <= 1e-5)
    }

    @Test func probabilitiesAreTheSoftmaxOfTheLogits() throws {
        let head = try ClassifierHead(pooling: .mean, weight: weight, bias: bias)
        let p = try head.probabilities(features)
        let e3 = Foundation.exp(Float(3))
        #expect(maxAbsDifference(p, [e3 / (e3 + 1), 1 / (e3 + 1)]) <= 1e-6)
    }

    @Test func softmaxIsStableForLargeLogits() {
        let p = softmax([1000, 1000, 999])
        #expect(p.allSatisfy { $0.isFinite })
        #expect(abs(p.reduce(0, +) - 1) <= 1e-6)
        #expect(abs(p[0] - p[1]) <= 1e-7)
        #expect(softmax([]) == [])
    }

    @Test func shapesAreCheckedWithBothShapesInTheMessage() throws {
        let head = try ClassifierHead(pooling: .mean, weight: weight, bias: bias)
        #expect(throws: ModelError(.shapeMismatch, "mean pooling expects features [T, 2] with T ≥ 1, got [3, 3].")) {
            try head.pool(Tensor.zeros(shape: [3, 3]))
        }
        #expect(throws: ModelError(.shapeMismatch, "max pooling expects features [T, 2] with T ≥ 1, got [0, 2].")) {
            try ClassifierHead(pooling: .max, weight: weight, bias: bias).pool(Tensor.zeros(shape: [0, 2]))
        }
        #expect(throws: ModelError(.shapeMismatch, "ClassifierHead expects bias [2], got [3].")) {
            try ClassifierHead(pooling: .mean, weight: weight, bias: Tensor.zeros(shape: [3]))
        }
        #expect(throws: ModelError(.shapeMismatch, "ClassifierHead expects attention [2], got [5].")) {
            try ClassifierHead(pooling: .attention, weight: weight, bias: bias, attention: Tensor.zeros(shape: [5]))
        }
        #expect(throws: ModelError.self) { try ClassifierHead(pooling: .attention, weight: weight, bias: bias) }
    }
}
