/// Gradients of the cross-entropy loss with respect to a head's parameters.
///
/// Each tensor has the shape of the parameter it belongs to: `weight` `[classes, d]`, `bias`
/// `[classes]`, and `attention` `[d]` for attention pooling (`nil` for mean and max, which have no
/// parameters of their own). Produced by `ClassifierHead.lossAndGradients`; consumed by the trainer's
/// optimizer.
public struct HeadGradients: Sendable, Equatable {
    /// dL/dW, `[classes, d]`.
    public var weight: Tensor
    /// dL/db, `[classes]`.
    public var bias: Tensor
    /// dL/dw for the attention vector, `[d]`; `nil` unless the head pools with attention.
    public var attention: Tensor?

    /// Wraps the three gradients; the shapes are the caller's responsibility.
    public init(weight: Tensor, bias: Tensor, attention: Tensor? = nil) {
        self.weight = weight
        self.bias = bias
        self.attention = attention
    }

    /// All-zero gradients shaped like `head`'s parameters, ready to accumulate into.
    static func zeros(like head: ClassifierHead) -> HeadGradients {
        HeadGradients(
            weight: .zeros(shape: head.weight.shape), bias: .zeros(shape: head.bias.shape),
            attention: head.attention.map { .zeros(shape: $0.shape) })
    }
}
