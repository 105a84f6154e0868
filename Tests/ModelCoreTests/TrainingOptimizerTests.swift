import Foundation
import Testing

@testable import ModelCore

/// Two optimizer steps on a tiny attention head against the update rules written out by hand.
@Suite struct TrainingOptimizerTests {
    let head: ClassifierHead
    /// Gradients of two steps; every parameter gets a different value, of both signs.
    let first: HeadGradients
    let second: HeadGradients
    /// Whether weight decay applies to each flattened parameter: W and w yes, b no.
    let decays = [true, true, true, true, false, false, true, true]

    init() throws {
        head = try ClassifierHead(
            pooling: .attention, weight: Tensor(shape: [2, 2], values: [0.5, -1, 2, 0.25]),
            bias: Tensor(shape: [2], values: [0.1, -0.2]), attention: Tensor(shape: [2], values: [1, -0.5]))
        first = HeadGradients(
            weight: Tensor(shape: [2, 2], values: [0.3, -0.2, 0.05, 1]), bias: Tensor(shape: [2], values: [-0.4, 0.4]),
            attention: Tensor(shape: [2], values: [0.01, -2]))
        second = HeadGradients(
            weight: Tensor(shape: [2, 2], values: [-0.1, -0.2, 0.3, 0.5]),
            bias: Tensor(shape: [2], values: [0.2, 0.1]),
            attention: Tensor(shape: [2], values: [0.5, 0.5]))
    }

    /// All parameters, flattened in the order W, b, w.
    func flat(_ head: ClassifierHead) -> [Double] {
        (head.weight.values + head.bias.values + (head.attention?.values ?? [])).map(Double.init)
    }
    /// All gradients, flattened in the order W, b, w.
    func flat(_ g: HeadGradients) -> [Double] {
        (g.weight.values + g.bias.values + (g.attention?.values ?? [])).map(Double.init)
    }
    /// The parameters after one optimizer step along `first` and one along `second`.
    func twoSteps(_ settings: TrainingSettings) -> [Double] {
        var trained = head
        var optimizer = HeadOptimizer(settings: settings, head: trained)
        optimizer.step(&trained, along: first)
        optimizer.step(&trained, along: second)
        return flat(trained)
    }

    @Test func adamTakesBiasCorrectedStepsWithDecoupledWeightDecay() {
        let (lr, lambda, b1, b2, eps) = (0.01, 0.1, 0.9, 0.999, 1e-8)
        let got = twoSteps(TrainingSettings(learningRate: lr, weightDecay: lambda, optimizer: .adam))
        var theta = flat(head)
        var (m, v) = ([Double](repeating: 0, count: 8), [Double](repeating: 0, count: 8))
        for (step, g) in [flat(first), flat(second)].enumerated() {
            for i in theta.indices {
                // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr·λ·θ − lr·m̂/(√v̂ + ε)
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                let mHat = m[i] / (1 - pow(b1, Double(step + 1)))
                let vHat = v[i] / (1 - pow(b2, Double(step + 1)))
                theta[i] -= (decays[i] ? lr * lambda * theta[i] : 0) + lr * mHat / (vHat.squareRoot() + eps)
            }
        }
        for i in theta.indices { #expect(abs(got[i] - theta[i]) <= 1e-6, "parameter \(i): \(got[i]) vs \(theta[i])") }
    }

    @Test func sgdUsesMomentumAndL2WeightDecayOnWeightsOnly() {
        let (lr, lambda, mu) = (0.1, 0.01, 0.9)
        let got = twoSteps(TrainingSettings(learningRate: lr, weightDecay: lambda, optimizer: .sgd, momentum: mu))
        var theta = flat(head)
        var velocity = [Double](repeating: 0, count: 8)
        for g in [flat(first), flat(second)] {
            for i in theta.indices {
                // v ← μv + (g + λθ);  θ ← θ − lr·v   (λ only for W and w)
                velocity[i] = mu * velocity[i] + g[i] + (decays[i] ? lambda * theta[i] : 0)
                theta[i] -= lr * velocity[i]
            }
        }
        for i in theta.indices { #expect(abs(got[i] - theta[i]) <= 1e-6, "parameter \(i): \(got[i]) vs \(theta[i])") }
    }
}
