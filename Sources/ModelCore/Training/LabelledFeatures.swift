/// One training or evaluation example: a video's per-frame features and its class.
///
/// ```swift
/// let example = LabelledFeatures(features: try backbone.features(frames), label: 2)   // [T, d], class 2
/// ```
///
/// `features` is `[T, d]`, one row h_t per sampled frame (T may differ between examples; d may not);
/// `label` is a class index in `0..<classes`. Nothing is checked here: the trainer and `Evaluation`
/// check a whole set at once and name the offending example.
public struct LabelledFeatures: Sendable, Equatable {
    /// Per-frame features `[T, d]`.
    public var features: Tensor
    /// The class index, `0..<classes`.
    public var label: Int

    /// Pairs `features` `[T, d]` with the class index `label`.
    public init(features: Tensor, label: Int) {
        self.features = features
        self.label = label
    }
}
