import Foundation

/// How a batch shares a number of threads between concurrent workers, each worker's decoder and the model.
///
/// ```swift
/// let budget = ThreadBudget(threads: 8, inputs: 1000)   // 4 workers, 2 decoder threads, 2 compute threads
/// ```
///
/// Semantics: a worker classifies one input at a time; while it decodes, its decoder uses `decoderThreads`,
/// and while it runs the backbone, ModelCore uses `computeThreads` (a process-wide setting). Both phases are
/// given `threads ÷ workers`, so the machine is never oversubscribed by more than the overlap of the two
/// phases. Workers are `threads ÷ 2` (at least one, at most the number of inputs): two threads per input
/// keep both the decoder and the model busy without the memory of one worker per core.
public struct ThreadBudget: Sendable, Equatable {
    /// Inputs classified at the same time.
    public var workers: Int
    /// Threads of each worker's decoder.
    public var decoderThreads: Int
    /// Threads of ModelCore's compute (process-wide).
    public var computeThreads: Int

    /// Splits `threads` (0: all active cores) for a batch of `inputs`; `workers` overrides the automatic count.
    public init(threads: Int, inputs: Int, workers: Int? = nil) {
        let total = threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
        let chosen = workers ?? max(1, total / 2)
        self.workers = max(1, min(chosen, max(1, inputs)))
        self.decoderThreads = max(1, total / self.workers)
        self.computeThreads = max(1, total / self.workers)
    }
}
