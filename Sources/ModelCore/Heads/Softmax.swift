import Foundation

/// The softmax of `x`: `exp(x_i − max x) / Σ_j exp(x_j − max x)`, which sums to 1.
///
/// Subtracting the maximum first keeps `exp` from overflowing, so any finite logits work. An empty input
/// gives an empty output. Cost: one `exp` per element.
public func softmax(_ x: [Float]) -> [Float] {
    guard let peak = x.max() else { return [] }
    let exponentials = x.map { Foundation.exp($0 - peak) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}
