
/// Cross-entropy loss and its hand-written gradients for one head.
///
/// Forward, for one video with per-frame features H = [h_1 … h_T] and true class y:
///
///     h = pool(H)            (mean, max or attention; see `Pooling`)
///     z = W h + b            logits, [classes]
///     p = softmax(z)
///     L = −log p_y
///
/// Backward (closed forms, checked against finite differences in `TrainingGradientTests`):
///
///     δ = dL/dz = p − onehot(y)
///     dL/dW = δ hᵀ           dL/db = δ           g = dL/dh = Wᵀ δ
///
/// and through the pooling (see `featureGradients` for dL/dh_t):
///
///     attention: s_t = wᵀh_t, α = softmax(s), h = Σ_t α_t h_t
///                dL/dα_t = g·h_t,  dL/ds_t = α_t (g·h_t − g·h)    (softmax Jacobian: diag(α) − ααᵀ)
///                dL/dw   = Σ_t dL/ds_t h_t
extension ClassifierHead {
    /// L = −log P(label | V) for one video, and the gradients of L with respect to W, b and (attention
    /// pooling only) w.
    ///
    /// ```swift
    /// let (loss, gradients) = try head.lossAndGradients(LabelledFeatures(features: h, label: 1))
    /// ```
    ///
    /// Cost: one forward pass plus classes·d multiply-adds for dL/dW (and 2·T·d more with attention).
    /// - Throws: `ModelError` when the features are not `[T, d]` with T ≥ 1 or the label is not a class
    ///   index of this head.
    public func lossAndGradients(_ example: LabelledFeatures) throws -> (loss: Float, gradients: HeadGradients) {
        var gradients = HeadGradients.zeros(like: self)
        let step = try accumulateGradients(of: example, scale: 1, into: &gradients)
        return (step.loss, gradients)
    }

    /// The mean loss and the mean gradients over a mini-batch: (1/B) Σ_i L_i and (1/B) Σ_i ∇L_i.
    ///
    /// Cost: B times that of one example; no per-example gradient is kept.
    /// - Throws: `ModelError` when `batch` is empty or any example fails as in `lossAndGradients(_:)`.
    public func lossAndGradients(batch: [LabelledFeatures]) throws -> (loss: Float, gradients: HeadGradients) {
        guard !batch.isEmpty else {
            throw ModelError(.invalidArgument, "The mini-batch is empty; pass at least one labelled example.")
        }
        var gradients = HeadGradients.zeros(like: self)
        var total = 0.0
        for example in batch {
            total += Double(try accumulateGradients(of: example, scale: 1 / Float(batch.count), into: &gradients).loss)
        }
        return (Float(total / Double(batch.count)), gradients)
    }

    /// Adds `scale` × ∇L for `example` to `gradients` and returns the example's loss and predicted class
    /// (the first largest logit), so a training loop gets accuracy from the same forward pass.
    func accumulateGradients(
        of example: LabelledFeatures, scale: Float, into gradients: inout HeadGradients
    ) throws -> (loss: Float, predicted: Int) {
        let forward = try self.forward(example)
        // dL/dW += scale · δ hᵀ (a rank-1 update); dL/db += scale · δ.
        MatrixVector.addOuterProduct(forward.delta, forward.video, scale: scale, to: &gradients.weight.values)
        for c in 0..<classCount { gradients.bias.values[c] += scale * forward.delta[c] }
        if let alpha = forward.alpha, var attentionGradient = gradients.attention {
            // dL/dw += scale · Σ_t dL/ds_t h_t = scale · Hᵀ (dL/ds).
            let ds = scoreGradients(
                example.features, alpha: alpha, video: forward.video, g: videoGradient(forward.delta))
            MatrixVector.transposedMultiplyAdd(
                example.features.values, rows: alpha.count, columns: featureDimension, ds, scale: scale,
                into: &attentionGradient.values)
            gradients.attention = attentionGradient
        }
        return (forward.loss, forward.predicted)
    }

    /// The forward pass for one labelled example, keeping what the backward pass needs.
    func forward(_ example: LabelledFeatures) throws -> HeadForwardPass {
        guard (0..<classCount).contains(example.label) else {
            throw ModelError(
                .invalidArgument,
                "Label \(example.label) is not a class of this head; labels must lie in 0..<\(classCount).")
        }
        let (video, alpha) = try pool(example.features)
        var z = bias.values
        MatrixVector.multiplyAdd(weight.values, rows: classCount, columns: featureDimension, video, into: &z)
        let (loss, delta) = crossEntropy(logits: z, label: example.label)
        return HeadForwardPass(video: video, alpha: alpha, loss: loss, delta: delta, predicted: argmax(z) ?? 0)
    }

    /// g = dL/dh = Wᵀ δ, the gradient reaching the pooled feature.
    func videoGradient(_ delta: [Float]) -> [Float] {
        var g = [Float](repeating: 0, count: featureDimension)
        MatrixVector.transposedMultiplyAdd(weight.values, rows: classCount, columns: featureDimension, delta, into: &g)
        return g
    }

    /// dL/ds_t = α_t (g·h_t − g·h) for each frame's attention score s_t = wᵀh_t.
    ///
    /// From h = Σ_u α_u h_u: dL/dα_u = g·h_u, and the softmax Jacobian dα_u/ds_t = α_u (1[u = t] − α_t)
    /// gives dL/ds_t = α_t g·h_t − α_t Σ_u α_u g·h_u = α_t (g·h_t − g·h).
    func scoreGradients(_ features: Tensor, alpha: [Float], video: [Float], g: [Float]) -> [Float] {
        let gDotVideo = zip(g, video).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        var gDotFrames = [Float](repeating: 0, count: alpha.count)  // H g, one g·h_t per frame
        MatrixVector.multiplyAdd(features.values, rows: alpha.count, columns: featureDimension, g, into: &gDotFrames)
        return alpha.indices.map { t in alpha[t] * (gDotFrames[t] - gDotVideo) }
    }
}

/// What one forward pass through a head leaves for the backward pass.
struct HeadForwardPass {
    /// The pooled feature h, `[d]`.
    var video: [Float]
    /// The attention weights α_t (attention pooling only).
    var alpha: [Float]?
    /// L = −log p_y.
    var loss: Float
    /// δ = dL/dz = p − onehot(y), `[classes]`.
    var delta: [Float]
    /// The first class with the largest logit.
    var predicted: Int
}
