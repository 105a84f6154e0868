/// A tensor to be written: a name, a shape and row-major `Float` values.
///
/// The input to ``SafeTensorsWriter``; names are free-form UTF-8 (PyTorch style `layer1.0.conv1.weight` by
/// convention).
public struct NamedTensor: Sendable {
    /// The tensor's name in the file.
    public var name: String
    /// The size of each dimension, outermost first; `[]` for a scalar.
    public var shape: [Int]
    /// The elements in row-major order; `values.count` must equal the product of `shape`.
    public var values: [Float]

    /// Creates a named tensor. - Precondition: `values.count` equals the product of `shape`.
    public init(name: String, shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "tensor '\(name)' has a negative dimension in \(shape)")
        precondition(values.count == shape.reduce(1, *), "tensor '\(name)': \(values.count) values do not fill shape \(shape)")
        self.name = name
        self.shape = shape
        self.values = values
    }
}
