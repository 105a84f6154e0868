
/// Temporal pooling, then a linear classifier and softmax over per-frame features h_t ∈ Rᵈ.
///
/// ```swift
/// let head = try ClassifierHead(pooling: .mean, weight: w, bias: b)   // w [classes, d], b [classes]
/// let p = try head.probabilities(features)                             // features [T, d] → [classes]
/// ```
///
/// P(y | V) = softmax(W h_video + b), with h_video from `pool`. Cost: T·d for pooling (2·T·d with
/// attention) plus classes·d multiply-adds for the logits.
public struct ClassifierHead: Sendable {
    /// How frames are combined.
    public var pooling: Pooling
    /// `[classes, d]`.
    public var weight: Tensor
    /// `[classes]`.
    public var bias: Tensor
    /// `[d]`, the attention vector w; required when `pooling == .attention`, ignored otherwise.
    public var attention: Tensor?

    /// Checks the shapes and builds the head.
    /// - Throws: `ModelError` when `weight` is not `[classes, d]` with both positive, `bias` is not
    ///   `[classes]`, or attention pooling lacks an `attention` vector of shape `[d]`.
    public init(pooling: Pooling, weight: Tensor, bias: Tensor, attention: Tensor? = nil) throws {
        guard weight.rank == 2, weight.shape[0] > 0, weight.shape[1] > 0 else {
            throw ModelError.shape("ClassifierHead", expects: "weight [classes, d] with both ≥ 1", got: weight.shape)
        }
        guard bias.shape == [weight.shape[0]] else {
            throw ModelError.shape("ClassifierHead", expects: "bias [\(weight.shape[0])]", got: bias.shape)
        }
        if pooling == .attention {
            guard let attention else {
                throw ModelError(
                    .invalidArgument,
                    "Attention pooling needs an attention vector of shape [\(weight.shape[1])]; pass `attention:`.")
            }
            guard attention.shape == [weight.shape[1]] else {
                throw ModelError.shape(
                    "ClassifierHead", expects: "attention [\(weight.shape[1])]", got: attention.shape)
            }
        }
        self.pooling = pooling
        self.weight = weight
        self.bias = bias
        self.attention = attention
    }

    /// The number of classes.
    public var classCount: Int { weight.shape[0] }
    /// d, the feature length the head expects.
    public var featureDimension: Int { weight.shape[1] }

    /// The logits W h_video + b for per-frame `features` `[T, d]`.
    public func logits(_ features: Tensor) throws -> [Float] {
        let video = try pool(features).video
        var out = bias.values
        MatrixVector.multiplyAdd(weight.values, rows: classCount, columns: featureDimension, video, into: &out)
        return out
    }

    /// The class probabilities softmax(logits) for per-frame `features` `[T, d]`; they sum to 1.
    public func probabilities(_ features: Tensor) throws -> [Float] {
        softmax(try logits(features))
    }
}
