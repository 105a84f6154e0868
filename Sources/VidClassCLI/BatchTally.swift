import Foundation

/// The counts of a batch with `--output`, for its one summary line on standard error:
/// `vidclass: results.jsonl: 11 done, 1 failed, 2 skipped (already recorded)`.
///
/// *done* and *failed* count the inputs this run classified; *skipped* those the file already had records for
/// (`--resume`). Safe to read from a signal handler's thread while the batch updates it.
final class BatchTally: @unchecked Sendable {
    let output: String
    let skipped: Int
    let skippedFailures: Int
    private let lock = NSLock()
    private var done = 0
    private var failed = 0

    init(output: String, skipped: Int, skippedFailures: Int) {
        self.output = output
        self.skipped = skipped
        self.skippedFailures = skippedFailures
    }

    /// Runs `write`, which writes one record of this run, and counts it: one step, which ``stop()`` waits for
    /// and never splits, so an interrupted batch's summary counts exactly the records its file holds.
    func record<E: Error>(failed isFailure: Bool, _ write: () throws(E) -> Void) throws(E) {
        lock.lock()
        defer { lock.unlock() }
        try write()
        if isFailure { failed += 1 } else { done += 1 }
    }

    /// Waits for a record being written, holds back every later one for good, and returns the summary: for a
    /// batch that is about to exit on a signal.
    func stop() -> String {
        lock.lock()
        return line(done: done, failed: failed)
    }

    /// Whether any input failed, in this run or in the run it resumed.
    var anyFailed: Bool { lock.withLock { failed > 0 } || skippedFailures > 0 }

    /// `results.jsonl: 11 done, 1 failed, 2 skipped (already recorded, 1 of them failed)`.
    var summary: String {
        lock.withLock { line(done: done, failed: failed) }
    }

    private func line(done: Int, failed: Int) -> String {
        var text = "\(output == "-" ? "standard output" : output): \(done) done, \(failed) failed, \(skipped) skipped"
        if skipped > 0 {
            text += skippedFailures > 0 ? " (already recorded, \(skippedFailures) of them failed)" : " (already recorded)"
        }
        return text
    }
}
