import Foundation
import Testing

@testable import ModelCore

/// The tests' deterministic generator: the model core's own SplitMix64, so every run sees the same "random"
/// shapes and values.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// `count` values uniform in `range`.
    mutating func floats(_ count: Int, in range: ClosedRange<Float> = -1...1) -> [Float] {
        (0..<count).map { _ in Float.random(in: range, using: &self) }
    }
}

/// The largest absolute elementwise difference of two equally long arrays.
func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "compared arrays differ in length: \(a.count) vs \(b.count)")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Runs one layer on an NHWC tensor through a fresh workspace that splits work across `threads`, and
/// returns the output as a tensor.
func run(_ layer: any Layer, on input: Tensor, threads: Int = 2) throws -> Tensor {
    let workspace = Workspace()
    workspace.compute = .process.withThreads(threads)
    let shape = try FeatureShape(input, operation: "test")
    let x = workspace.output(shape, avoiding: .none)
    input.values.withUnsafeBufferPointer { x.pointer.update(from: $0.baseAddress!, count: input.count) }
    let y = try layer(x, in: workspace)
    return Tensor(shape: y.shape.dimensions, values: Array(UnsafeBufferPointer(start: y.pointer, count: y.shape.count)))
}
