extension ClassifierHead {
    /// dL/dH: the gradient of the cross-entropy loss with respect to every per-frame feature h_{t,j}.
    ///
    /// ```swift
    /// let saliency = try head.featureGradients(example)   // [T, d]; large |values| mark influential frames
    /// ```
    ///
    /// Training never needs it (the backbone is frozen), but it says which frames and dimensions push the
    /// loss, and it completes the chain rule the gradient checks verify. With g = dL/dh = Wᵀ(p − y):
    ///
    ///     mean:      dL/dh_t = g / T
    ///     max:       dL/dh_{t,j} = g_j when t is the first frame attaining max_u h_{u,j}, else 0
    ///     attention: dL/dh_t = α_t g + dL/ds_t w,   dL/ds_t = α_t (g·h_t − g·h)
    ///
    /// (max pooling is not differentiable at ties; the gradient goes to the first maximal frame.)
    /// Cost: one forward pass plus O(T·d).
    /// - Throws: `ModelError` as `lossAndGradients(_:)` does.
    public func featureGradients(_ example: LabelledFeatures) throws -> Tensor {
        let forward = try self.forward(example)
        let g = videoGradient(forward.delta)
        let features = example.features
        let (frames, d) = (features.shape[0], featureDimension)
        var gradient = [Float](repeating: 0, count: frames * d)
        switch pooling {
        case .mean:
            for t in 0..<frames { for j in 0..<d { gradient[t * d + j] = g[j] / Float(frames) } }
        case .max:
            for j in 0..<d {
                var peak = 0
                for t in 1..<frames where features.values[t * d + j] > features.values[peak * d + j] { peak = t }
                gradient[peak * d + j] = g[j]
            }
        case .attention:
            let alpha = forward.alpha ?? []
            let w = attention?.values ?? []
            let ds = scoreGradients(features, alpha: alpha, video: forward.video, g: g)
            for t in 0..<frames { for j in 0..<d { gradient[t * d + j] = alpha[t] * g[j] + ds[t] * w[j] } }
        }
        return Tensor(shape: features.shape, values: gradient)
    }
}
