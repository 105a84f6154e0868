/// A dense Float32 array with a shape: the value that crosses ModelCore's public API.
///
/// Storage is contiguous and row-major (the last dimension varies fastest). Image batches are **NHWC** —
/// `[batch, height, width, channels]`, channels fastest — because depthwise convolutions then read
/// contiguous channel vectors and 1×1 convolutions become one matrix product over all pixels. Per-frame
/// features are `[frames, dimension]`.
///
/// ```swift
/// let batch = Tensor(shape: [1, 224, 224, 3], values: pixels)   // already normalised
/// let features = try backbone.features(batch)                   // [1, 1280]
/// ```
///
/// `Tensor` is a value type (copy-on-write through its `values` array) and `Sendable`.
public struct Tensor: Sendable, Equatable {
    /// The extent of each dimension, outermost first.
    public var shape: [Int]
    /// The elements in row-major order; `values.count` equals the product of `shape`.
    public var values: [Float]

    /// Wraps `values` with `shape`.
    ///
    /// - Precondition: every dimension is ≥ 0 and `values.count` equals the product of `shape`
    ///   (a mismatch is a programming error and traps with both figures).
    public init(shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension.")
        let expected = shape.reduce(1, *)
        precondition(
            values.count == expected,
            "Tensor of shape \(shape) needs \(expected) values, got \(values.count).")
        self.shape = shape
        self.values = values
    }

    /// A tensor of `shape` filled with zeros.
    public static func zeros(shape: [Int]) -> Tensor {
        Tensor(shape: shape, values: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    /// The number of elements (the product of `shape`).
    public var count: Int { values.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }
}
