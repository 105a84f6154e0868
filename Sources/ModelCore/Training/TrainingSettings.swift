/// The update rule a `HeadTrainer` applies to the head's parameters after each mini-batch.
///
/// - `adam`: Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8) with *decoupled* weight decay (AdamW): each step
///   first shrinks W and w by lr·λ·θ, then takes the Adam step. Robust to the scale of the features;
///   the usual choice.
/// - `sgd`: stochastic gradient descent with (PyTorch-style) momentum, weight decay as an L2 term
///   added to the gradient: v ← μ v + (∇L + λ θ), θ ← θ − lr·v. Sensitive to the scale of the features:
///   it stays stable while lr·‖h‖² is at most a few units (EfficientNet-Lite0 features have ‖h‖ ≈ 15, so
///   lr = 1e-2 is fine; features ten times larger need a learning rate a hundred times smaller).
public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
    case adam
    case sgd

    /// A learning rate that works for heads on CNN features: 1e-3 for Adam, 1e-2 for SGD.
    public var defaultLearningRate: Double {
        switch self {
        case .adam: 1e-3
        case .sgd: 1e-2
        }
    }
}

/// How a `HeadTrainer` trains: epochs, optimizer, mini-batches, regularisation, seed, early stopping.
///
/// ```swift
/// var settings = TrainingSettings(optimizer: .sgd)      // learning rate 1e-2, SGD's default
/// settings.epochs = 100
/// settings.patience = nil                               // no early stopping
/// ```
///
/// Weight decay λ applies to the weights W and the attention vector w, never to the bias b. Early
/// stopping needs a validation set: training stops once `patience` epochs in a row have not lowered
/// the best validation loss, and the head from the best epoch is returned.
public struct TrainingSettings: Sendable, Equatable, Codable {
    /// Passes over the training set (at most, with early stopping). ≥ 1.
    public var epochs: Int
    /// The step size lr. > 0.
    public var learningRate: Double
    /// Examples per gradient step; the last batch of an epoch may be smaller. ≥ 1.
    public var batchSize: Int
    /// λ, decoupled for Adam and L2 for SGD (see `OptimizerKind`). ≥ 0.
    public var weightDecay: Double
    /// The update rule.
    public var optimizer: OptimizerKind
    /// μ, SGD's momentum (ignored by Adam). In [0, 1).
    public var momentum: Double
    /// Seeds the head's initial weights and the order of examples in every epoch.
    public var seed: UInt64
    /// Epochs without a new best validation loss before training stops; `nil` trains all `epochs`.
    /// Ignored without a validation set. ≥ 1 when set.
    public var patience: Int?

    /// Settings with the usual defaults; `learningRate: nil` takes `optimizer.defaultLearningRate`.
    public init(
        epochs: Int = 50, learningRate: Double? = nil, batchSize: Int = 16, weightDecay: Double = 1e-4,
        optimizer: OptimizerKind = .adam, momentum: Double = 0.9, seed: UInt64 = 0, patience: Int? = 10
    ) {
        self.epochs = epochs
        self.learningRate = learningRate ?? optimizer.defaultLearningRate
        self.batchSize = batchSize
        self.weightDecay = weightDecay
        self.optimizer = optimizer
        self.momentum = momentum
        self.seed = seed
        self.patience = patience
    }

    /// Throws unless every setting lies in its documented range.
    func validate() throws {
        func check(_ valid: Bool, _ message: String) throws {
            if !valid { throw ModelError(.invalidArgument, message) }
        }
        try check(epochs >= 1, "epochs (\(epochs)) must be ≥ 1.")
        try check(
            learningRate > 0 && learningRate.isFinite, "learningRate (\(learningRate)) must be a positive number.")
        try check(batchSize >= 1, "batchSize (\(batchSize)) must be ≥ 1.")
        try check(weightDecay >= 0 && weightDecay.isFinite, "weightDecay (\(weightDecay)) must be ≥ 0.")
        try check((0..<1).contains(momentum), "momentum (\(momentum)) must lie in [0, 1).")
        try check(
            patience.map { $0 >= 1 } ?? true, "patience (\(patience ?? 0)) must be ≥ 1, or nil for no early stopping.")
    }
}
