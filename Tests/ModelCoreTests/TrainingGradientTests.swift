import Foundation
import Testing

@testable import ModelCore

/// Every hand-written gradient of the head's cross-entropy against central finite differences.
///
/// Shapes are small and random (T 3–5, d 4–7, 3 classes); each parameter element and each input
/// feature is perturbed by ±ε and (L(θ+ε) − L(θ−ε)) / 2ε compared with the analytic value.
@Suite struct TrainingGradientTests {
    /// A head with O(1) random parameters, so every gradient is far from zero and well above Float noise.
    func randomHead(_ pooling: Pooling, classes: Int, d: Int, random: inout SeededGenerator) throws -> ClassifierHead {
        try ClassifierHead(
            pooling: pooling, weight: Tensor(shape: [classes, d], values: random.floats(classes * d)),
            bias: Tensor(shape: [classes], values: random.floats(classes)),
            attention: pooling == .attention ? Tensor(shape: [d], values: random.floats(d, in: -2...2)) : nil)
    }

    /// Features whose values in each dimension are ≥ 0.2 apart across frames, so ±ε never changes which
    /// frame max pooling picks (max is not differentiable at ties).
    func separatedFeatures(frames: Int, d: Int, random: inout SeededGenerator) -> Tensor {
        var values = [Float](repeating: 0, count: frames * d)
        for j in 0..<d {
            for (rank, t) in Array(0..<frames).shuffled(using: &random).enumerated() {
                values[t * d + j] = -1 + 0.4 * Float(rank) + Float.random(in: -0.1...0.1, using: &random)
            }
        }
        return Tensor(shape: [frames, d], values: values)
    }

    /// Checks `analytic` against central differences of `loss(index, shift)`, elementwise.
    func expectAgreement(
        _ analytic: [Float], _ what: String, epsilon: Float = 1e-3,
        loss: (_ index: Int, _ shift: Float) throws -> Float
    ) rethrows {
        for i in analytic.indices {
            let numeric = (Double(try loss(i, epsilon)) - Double(try loss(i, -epsilon))) / (2 * Double(epsilon))
            let tolerance = 1e-2 * max(abs(Double(analytic[i])), abs(numeric)) + 3e-4
            #expect(
                abs(Double(analytic[i]) - numeric) <= tolerance,
                "\(what)[\(i)]: analytic \(analytic[i]), finite difference \(numeric)")
        }
    }

    /// Checks dL/dW, dL/db, dL/dw (attention) and dL/dH for one random head and example.
    func checkAllGradients(_ pooling: Pooling, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let (frames, d, classes) = (Int.random(in: 3...5, using: &random), Int.random(in: 4...7, using: &random), 3)
        let head = try randomHead(pooling, classes: classes, d: d, random: &random)
        let example = LabelledFeatures(
            features: separatedFeatures(frames: frames, d: d, random: &random),
            label: Int.random(in: 0..<classes, using: &random))
        let (_, gradients) = try head.lossAndGradients(example)

        func loss(shifting parameter: WritableKeyPath<ClassifierHead, Tensor>, _ i: Int, by shift: Float) throws
            -> Float
        {
            var shifted = head
            shifted[keyPath: parameter].values[i] += shift
            return try shifted.lossAndGradients(example).loss
        }
        // dL/dW = (p − y) hᵀ, with h the pooled feature.
        try expectAgreement(gradients.weight.values, "\(pooling) dL/dW") { try loss(shifting: \.weight, $0, by: $1) }
        // dL/db = p − y.
        try expectAgreement(gradients.bias.values, "\(pooling) dL/db") { try loss(shifting: \.bias, $0, by: $1) }
        if pooling == .attention {
            // dL/dw = Σ_t α_t (g·h_t − g·h) h_t with g = Wᵀ(p − y).
            let attentionGradient = try #require(gradients.attention)
            try expectAgreement(attentionGradient.values, "dL/dw") { try loss(shifting: \.attention!, $0, by: $1) }
        } else {
            #expect(gradients.attention == nil)
        }
        // mean: dL/dh_t = g / T; max: g_j at the argmax frame of dimension j, else 0;
        // attention: dL/dh_t = α_t g + α_t (g·h_t − g·h) w.
        let featureGradient = try head.featureGradients(example)
        #expect(featureGradient.shape == example.features.shape)
        try expectAgreement(featureGradient.values, "\(pooling) dL/dH") { i, shift in
            var shifted = example
            shifted.features.values[i] += shift
            return try head.lossAndGradients(shifted).loss
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func meanPoolingGradientsMatchFiniteDifferences(seed: UInt64) throws {
        try checkAllGradients(.mean, seed: seed)
    }

    @Test(arguments: [4, 5, 6] as [UInt64]) func maxPoolingGradientsMatchFiniteDifferences(seed: UInt64) throws {
        try checkAllGradients(.max, seed: seed)
    }

    @Test(arguments: [7, 8, 9] as [UInt64]) func attentionPoolingGradientsMatchFiniteDifferences(seed: UInt64) throws {
        try checkAllGradients(.attention, seed: seed)
    }

    @Test func crossEntropyGradientIsSoftmaxMinusOneHot() {
        var random = SeededGenerator(seed: 10)
        let logits = random.floats(5, in: -3...3)
        let (loss, gradient) = crossEntropy(logits: logits, label: 3)
        // L = −log softmax(z)_3; dL/dz = softmax(z) − onehot(3).
        let p = softmax(logits)
        #expect(abs(loss + Foundation.log(p[3])) <= 1e-5)
        #expect(maxAbsDifference(gradient, p.enumerated().map { $0.offset == 3 ? $0.element - 1 : $0.element }) <= 1e-6)
        expectAgreement(gradient, "dL/dz") { i, shift in
            var shifted = logits
            shifted[i] += shift
            return crossEntropy(logits: shifted, label: 3).loss
        }
    }

    @Test func crossEntropyIsStableForHugeLogits() {
        let (loss, gradient) = crossEntropy(logits: [1000, -1000, 999], label: 2)
        // log(1 + e^{−1} + e^{−2000}) + 1000 − 999 = 1 + log(1 + e^{−1}).
        #expect(abs(Double(loss) - (1 + Foundation.log(1 + Foundation.exp(-1.0)))) <= 1e-5)
        #expect(gradient.allSatisfy { $0.isFinite })
        #expect(abs(gradient.reduce(0, +)) <= 1e-6)
    }

    @Test func batchLossAndGradientsAreTheMeanOverExamples() throws {
        var random = SeededGenerator(seed: 11)
        let head = try randomHead(.attention, classes: 3, d: 5, random: &random)
        let batch = (0..<4).map { i in
            LabelledFeatures(features: Tensor(shape: [3, 5], values: random.floats(15)), label: i % 3)
        }
        let singles = try batch.map { try head.lossAndGradients($0) }
        let (loss, gradients) = try head.lossAndGradients(batch: batch)
        func mean(_ part: (HeadGradients) -> [Float]) -> [Float] {
            singles.map { part($0.gradients) }.reduce(into: [Float](repeating: 0, count: part(gradients).count)) {
                sum, g in
                for i in g.indices { sum[i] += g[i] / Float(batch.count) }
            }
        }
        #expect(abs(loss - singles.map(\.loss).reduce(0, +) / 4) <= 1e-6)
        #expect(maxAbsDifference(gradients.weight.values, mean { $0.weight.values }) <= 1e-6)
        #expect(maxAbsDifference(gradients.bias.values, mean { $0.bias.values }) <= 1e-6)
        #expect(maxAbsDifference(gradients.attention?.values ?? [], mean { $0.attention?.values ?? [] }) <= 1e-6)
        #expect(throws: ModelError.self) { try head.lossAndGradients(batch: []) }
    }

    @Test func aLabelOutsideTheHeadsClassesThrows() throws {
        let head = ClassifierHead.initialized(pooling: .mean, classes: 3, featureDimension: 2, seed: 0)
        let example = LabelledFeatures(features: Tensor.zeros(shape: [2, 2]), label: 3)
        #expect(
            throws: ModelError(.invalidArgument, "Label 3 is not a class of this head; labels must lie in 0..<3.")
        ) { try head.lossAndGradients(example) }
    }
}
