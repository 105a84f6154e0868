extension ClassifierHead {
    /// Pools per-frame `features` `[T, d]` (T ≥ 1) over time into one d-vector.
    ///
    /// Returns the video feature and, for attention pooling, the weights α_t (which sum to 1); `nil`
    /// for mean and max. Cost: O(T·d).
    /// - Throws: `ModelError` when `features` is not `[T, d]` with T ≥ 1 and d = `featureDimension`.
    public func pool(_ features: Tensor) throws -> (video: [Float], weights: [Float]?) {
        let d = featureDimension
        guard features.rank == 2, features.shape[0] >= 1, features.shape[1] == d else {
            throw ModelError.shape(
                "\(pooling.rawValue) pooling", expects: "features [T, \(d)] with T ≥ 1", got: features.shape)
        }
        let frames = features.shape[0]
        let h = features.values
        switch pooling {
        case .mean:
            var sum = [Float](repeating: 0, count: d)
            for t in 0..<frames { for j in 0..<d { sum[j] += h[t * d + j] } }
            return (sum.map { $0 / Float(frames) }, nil)
        case .max:
            var peak = Array(h[0..<d])
            for t in 1..<frames { for j in 0..<d { peak[j] = Swift.max(peak[j], h[t * d + j]) } }
            return (peak, nil)
        case .attention:
            let w = attention!.values
            let scores = (0..<frames).map { t in (0..<d).reduce(Float(0)) { $0 + w[$1] * h[t * d + $1] } }
            let alpha = softmax(scores)
            var video = [Float](repeating: 0, count: d)
            for t in 0..<frames { for j in 0..<d { video[j] += alpha[t] * h[t * d + j] } }
            return (video, alpha)
        }
    }
}
