import Foundation

/// Applies Adam (decoupled weight decay) or SGD with momentum (L2 weight decay) to a head's parameters.
///
/// Keeps one state buffer per parameter element (Adam: first and second moments; SGD: velocity), so
/// it belongs to one head and one training run. Decay applies to W and w, not b (`TrainingSettings`).
/// Cost per step: a few flops per parameter.
struct HeadOptimizer {
    private let settings: TrainingSettings
    /// Adam's first moments m, or SGD's velocity v; one buffer per parameter (W, b, w).
    private var momentBuffers: [[Float]]
    /// Adam's second moments; unused by SGD.
    private var squareBuffers: [[Float]]
    private var steps = 0

    /// Zeroed state for `head`'s parameters.
    init(settings: TrainingSettings, head: ClassifierHead) {
        self.settings = settings
        let sizes = [head.weight.count, head.bias.count, head.attention?.count ?? 0]
        momentBuffers = sizes.map { [Float](repeating: 0, count: $0) }
        squareBuffers = settings.optimizer == .adam ? momentBuffers : []
    }

    /// Moves `head`'s parameters one step against `gradients`.
    mutating func step(_ head: inout ClassifierHead, along gradients: HeadGradients) {
        steps += 1
        update(&head.weight.values, along: gradients.weight.values, buffer: 0, decays: true)
        update(&head.bias.values, along: gradients.bias.values, buffer: 1, decays: false)
        if var attention = head.attention, let gradient = gradients.attention {
            update(&attention.values, along: gradient.values, buffer: 2, decays: true)
            head.attention = attention
        }
    }

    private mutating func update(_ theta: inout [Float], along gradient: [Float], buffer: Int, decays: Bool) {
        let lr = Float(settings.learningRate)
        let decay = decays ? Float(settings.weightDecay) : 0
        switch settings.optimizer {
        case .adam:
            let (beta1, beta2, epsilon): (Float, Float, Float) = (0.9, 0.999, 1e-8)
            let firstCorrection = 1 - Foundation.pow(beta1, Float(steps))
            let secondCorrection = 1 - Foundation.pow(beta2, Float(steps))
            for i in theta.indices {
                let g = gradient[i]
                momentBuffers[buffer][i] = beta1 * momentBuffers[buffer][i] + (1 - beta1) * g
                squareBuffers[buffer][i] = beta2 * squareBuffers[buffer][i] + (1 - beta2) * g * g
                let mHat = momentBuffers[buffer][i] / firstCorrection
                let vHat = squareBuffers[buffer][i] / secondCorrection
                theta[i] -= lr * decay * theta[i] + lr * mHat / (vHat.squareRoot() + epsilon)
            }
        case .sgd:
            let mu = Float(settings.momentum)
            for i in theta.indices {
                momentBuffers[buffer][i] = mu * momentBuffers[buffer][i] + gradient[i] + decay * theta[i]
                theta[i] -= lr * momentBuffers[buffer][i]
            }
        }
    }
}
