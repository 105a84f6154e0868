extension ClassifierHead {
    /// A fresh, untrained head: W and w drawn from N(0, 0.01²), b = 0.
    ///
    /// ```swift
    /// let head = ClassifierHead.initialized(pooling: .attention, classes: 5, featureDimension: 1280, seed: 0)
    /// ```
    ///
    /// Small weights start every class near probability 1/classes and, with w ≈ 0, attention pooling
    /// near mean pooling (α_t ≈ 1/T), from where gradients move them. The same arguments always give the
    /// same head. Cost: classes·d + d normal samples.
    /// - Precondition: `classes` ≥ 1 and `featureDimension` ≥ 1 (the trainer checks its inputs first).
    public static func initialized(pooling: Pooling, classes: Int, featureDimension: Int, seed: UInt64)
        -> ClassifierHead
    {
        precondition(
            classes >= 1 && featureDimension >= 1,
            "A head needs ≥ 1 class and d ≥ 1, got \(classes) and \(featureDimension).")
        var random = SplitMix64(seed: seed)
        let deviation: Float = 0.01
        let weight = (0..<classes * featureDimension).map { _ in random.gaussian(standardDeviation: deviation) }
        let attention = (0..<featureDimension).map { _ in random.gaussian(standardDeviation: deviation) }
        return ClassifierHead(
            checkedPooling: pooling,
            weight: Tensor(shape: [classes, featureDimension], values: weight),
            bias: .zeros(shape: [classes]),
            attention: pooling == .attention ? Tensor(shape: [featureDimension], values: attention) : nil)
    }

    /// Builds a head from parameters whose shapes are consistent by construction.
    private init(checkedPooling pooling: Pooling, weight: Tensor, bias: Tensor, attention: Tensor?) {
        self.pooling = pooling
        self.weight = weight
        self.bias = bias
        self.attention = attention
    }
}
