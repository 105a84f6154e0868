import Foundation

/// The cross-entropy of `logits` z against the true class `label`, and its gradient with respect to z.
///
/// L = −log softmax(z)_label = log Σ_c exp(z_c − m) + m − z_label with m = max z (so `exp` cannot
/// overflow), summed in Double. The gradient is dL/dz = p − onehot(label) with p = softmax(z): it sums
/// to zero, is negative only at the true class, and vanishes as p_label → 1. Cost: one `exp` per class.
///
/// - Precondition: `label` is a valid index into `logits` (callers check labels and throw first).
func crossEntropy(logits: [Float], label: Int) -> (loss: Float, gradient: [Float]) {
    precondition(logits.indices.contains(label), "label \(label) is outside 0..<\(logits.count)")
    let peak = Double(logits.max() ?? 0)
    let exponentials = logits.map { Foundation.exp(Double($0) - peak) }
    let total = exponentials.reduce(0, +)
    let loss = Foundation.log(total) + peak - Double(logits[label])
    var gradient = exponentials.map { Float($0 / total) }
    gradient[label] -= 1
    return (Float(loss), gradient)
}

/// The index of the largest value, the first one on ties; `nil` for an empty array.
func argmax(_ values: [Float]) -> Int? {
    guard var best = values.indices.first else { return nil }
    for i in values.indices where values[i] > values[best] { best = i }
    return best
}
