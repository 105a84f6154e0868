/// How a ``BatchRunner`` classifies many inputs.
///
/// ```swift
/// var options = BatchOptions(classify: ClassifyOptions(sampling: .uniform(frames: 8)), threads: 4)
/// options.timeout = .seconds(30)
/// ```
public struct BatchOptions: Sendable, Equatable {
    /// What to do with each input; its `decoderThreads`, `timeout` and compute thread count are replaced by the
    /// batch's own (the compute helpers stay `classify.compute`'s).
    public var classify: ClassifyOptions
    /// The total thread budget (0: all active cores), split by ``ThreadBudget``.
    public var threads: Int
    /// Inputs classified at the same time; nil lets ``ThreadBudget`` choose.
    public var workers: Int?
    /// The time one input may take; past it the input fails with a time-budget error and the batch goes on.
    /// Nil: no limit.
    public var timeout: Duration?

    public init(classify: ClassifyOptions = .init(), threads: Int = 0, workers: Int? = nil, timeout: Duration? = nil) {
        self.classify = classify
        self.threads = threads
        self.workers = workers
        self.timeout = timeout
    }
}
