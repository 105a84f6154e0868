/// A frozen image network: an NHWC batch `[n, s, s, 3]` (already normalised) → features `[n, d]`.
///
/// Implementations are immutable and `Sendable`: one backbone can serve several tasks at once.
public protocol Backbone: Sendable {
    /// Which network this is.
    var architecture: BackboneArchitecture { get }
    /// d, the length of each frame's feature vector.
    var featureDimension: Int { get }
    /// The per-frame features of `batch` (`[n, h, w, 3]`, NHWC, normalised as the weights expect):
    /// `[n, featureDimension]`, computed on at most `context.threads` threads. Throws `ModelError` when the
    /// batch is not `[n, h, w, 3]` or too small.
    func features(_ batch: Tensor, in context: ComputeContext) throws -> Tensor
}

extension Backbone {
    /// The features of `batch` on every core (``ComputeContext/process``).
    public func features(_ batch: Tensor) throws -> Tensor {
        try features(batch, in: .process)
    }
}
