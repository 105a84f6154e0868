import Foundation
import VidClass

/// Progress of feature extraction and training on standard error. On a terminal: the batch ``ProgressBar`` while
/// clips get their features, then one redrawn line per epoch. In a pipe: nothing for clips and one JSON object per
/// training epoch (`{"epoch":3,"train_loss":…,"train_accuracy":…,"validation_loss":…}`), so logs stay parseable.
final class ProgressReporter {
    private let epochs: Int
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var clipsBar: ProgressBar?
    private var drewLine = false

    init(epochs: Int = 0) {
        self.epochs = epochs
    }

    /// `done` of `total` clips have their features.
    func clips(_ done: Int, _ total: Int, failures: Int = 0) {
        if clipsBar == nil { clipsBar = ProgressBar(total: total, isVisible: isTerminal) }
        clipsBar?.update(done: done, failures: failures)
    }

    /// Reports a per-input failure on its own line, clearing the bar first so the two do not mix.
    func report(_ message: String) {
        clipsBar?.clear()
        Failure.report(message)
    }

    func training(_ progress: HeadTraining.Progress) {
        switch progress {
        case .features(let done, let total):
            clips(done, total)
        case .epoch(let report):
            clipsBar?.finish()
            clipsBar = nil
            if isTerminal {
                draw(Self.line(report, epochs: epochs))
            } else {
                StandardStreams.report(Self.json(report) + "\n")
            }
        }
    }

    func finish() {
        clipsBar?.finish()
        if drewLine { StandardStreams.report("\n") }
    }

    /// `epoch 3/50  loss 0.4121 acc 88.9%  val loss 0.5012 acc 83.3%`.
    static func line(_ report: EpochReport, epochs: Int) -> String {
        var text = "epoch \(report.epoch)/\(epochs)  " + String(format: "loss %.4f acc %.1f%%", report.trainLoss, 100 * report.trainAccuracy)
        if let loss = report.validationLoss {
            text += String(format: "  val loss %.4f acc %.1f%%", loss, 100 * (report.validationAccuracy ?? 0))
        }
        return text
    }

    static func json(_ report: EpochReport) -> String {
        var fields = ["\"epoch\":\(report.epoch)", "\"train_loss\":\(report.trainLoss)", "\"train_accuracy\":\(report.trainAccuracy)"]
        if let loss = report.validationLoss { fields.append("\"validation_loss\":\(loss)") }
        if let accuracy = report.validationAccuracy { fields.append("\"validation_accuracy\":\(accuracy)") }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private func draw(_ line: String) {
        drewLine = true
        StandardStreams.report("\r\u{1B}[K\(line)")
    }
}
