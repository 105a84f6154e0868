import Dispatch
import ModelCore
import Synchronization
import VideoDecoding

/// Classifies many inputs with one shared classifier: parallel workers within a thread budget, one record per
/// input handed back in input order, failures included, so one bad file never stops a batch.
///
/// ```swift
/// let runner = BatchRunner(classifier: try VideoClassifier(), options: BatchOptions(threads: 4))
/// runner.run([.path("a.mp4"), .path("b.mkv"), .path("notes.txt")]) { record in
///     print(record.input, record.error?.message ?? "ok")   // a.mp4, b.mkv, notes.txt — in that order
/// }
/// ```
///
/// Semantics: `run` blocks its caller until every input has a record; `onRecord` runs on the caller's thread,
/// once per input, in input order, as soon as that input and all before it are done (so a long batch streams).
/// Each input is opened by its own decoder with the budget's decoder threads; the model computes on the budget's
/// compute threads, on the helpers of `options.classify.compute` (nothing process-wide is set). With `options.timeout`, an input that decodes for
/// longer fails with a time-budget error and its worker moves on.
///
/// Cost: at most `workers` inputs in memory at once (each holds its decoder and its T sampled frames);
/// records finished ahead of a slower earlier input wait in memory until it is done.
public struct BatchRunner: Sendable {
    public let classifier: VideoClassifier
    public let options: BatchOptions

    public init(classifier: VideoClassifier, options: BatchOptions = .init()) {
        self.classifier = classifier
        self.options = options
    }

    /// Classifies `inputs` and passes each record to `onRecord` in input order; a record names its input by
    /// ``VideoInput/displayName`` (a path as given, `-` for standard input).
    ///
    /// When `onRecord` throws (say, the output disk is full), no further input is started and the error is
    /// rethrown; inputs already being classified finish in the background and their records are dropped.
    public func run<E: Error>(_ inputs: [VideoInput], onRecord: (BatchRecord) throws(E) -> Void) throws(E) {
        guard !inputs.isEmpty else { return }
        let budget = ThreadBudget(threads: options.threads, inputs: inputs.count, workers: options.workers)
        var perInput = options.classify
        perInput.compute = options.classify.compute.withThreads(budget.computeThreads)
        perInput.decoderThreads = budget.decoderThreads
        perInput.timeout = options.timeout
        let slots = RecordSlots(count: inputs.count)
        let (classifier, perInputOptions) = (classifier, perInput)
        for _ in 0..<budget.workers {
            DispatchQueue.global().async {
                while let position = slots.claim() {
                    slots.fill(
                        position,
                        with: Self.classify(inputs[position], classifier: classifier, options: perInputOptions))
                }
            }
        }
        for position in inputs.indices {
            do {
                try onRecord(slots.take(position))
            } catch {
                slots.stop()
                throw error
            }
        }
    }

    /// One input's record; never throws, since a failure is a record too.
    static func classify(_ input: VideoInput, classifier: VideoClassifier, options: ClassifyOptions) -> BatchRecord {
        do {
            return BatchRecord(input: input.displayName, outcome: .success(try classifier.classify(input, options: options)))
        } catch {
            return BatchRecord(input: input.displayName, outcome: .failure(error))
        }
    }
}

/// The hand-over between a batch's workers and its caller: a shared cursor over the inputs and one slot per
/// input that a worker fills once and the caller takes once, waiting for it when needed.
private final class RecordSlots: Sendable {
    private let next = Atomic<Int>(0)
    private let records: Mutex<[Int: BatchRecord]>
    private let ready: [DispatchSemaphore]

    init(count: Int) {
        records = Mutex([:])
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    /// The next unclaimed input position, or nil when all are claimed or the batch was stopped.
    func claim() -> Int? {
        let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return position >= 0 && position < ready.count ? position : nil
    }

    /// Makes every later `claim` return nil.
    func stop() {
        next.store(Int.min / 2, ordering: .relaxed)
    }

    func fill(_ position: Int, with record: BatchRecord) {
        records.withLock { $0[position] = record }
        ready[position].signal()
    }

    /// Waits until `position` is filled, then removes and returns its record.
    func take(_ position: Int) -> BatchRecord {
        ready[position].wait()
        return records.withLock { $0.removeValue(forKey: position)! }
    }
}
