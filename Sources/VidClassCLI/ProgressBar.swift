import Foundation

/// A one-line batch progress display on standard error — done/total, rate, time left, failures — drawn only
/// when standard error is a terminal, so pipes and log files stay clean.
///
/// ```swift
/// var bar = ProgressBar(total: inputs.count)
/// bar.update(done: 10, failures: 1)   // [#####·····]  10/20  2.1/s  ETA 0:05  1 failed
/// bar.finish()
/// ```
///
/// Redraws at most ten times a second (the last record always draws). Lines other code writes to standard
/// error during a batch should call `clear()` first so they do not land in the middle of the bar.
struct ProgressBar {
    private let total: Int
    private let isVisible: Bool
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private var isDrawn = false

    init(total: Int, isVisible: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.isVisible = isVisible
    }

    /// Shows `done` of the total inputs finished, `failures` of them failed.
    mutating func update(done: Int, failures: Int) {
        guard isVisible else { return }
        let now = ContinuousClock.now
        if let lastDraw, done < total, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        write("\r" + Self.line(done: done, total: total, failures: failures, elapsed: now - start) + "\u{1B}[K")
        isDrawn = true
    }

    /// Erases the bar so another line can be written; the next update draws it again.
    mutating func clear() {
        guard isDrawn else { return }
        write("\r\u{1B}[K")
        isDrawn = false
        lastDraw = nil
    }

    /// Ends the bar's line.
    mutating func finish() {
        guard isDrawn else { return }
        write("\n")
        isDrawn = false
    }

    /// The bar's text: `[####······]  done/total  rate/s  ETA m:ss  N failed`.
    static func line(done: Int, total: Int, failures: Int, elapsed: Duration) -> String {
        let width = 20
        let filled = total > 0 ? min(width, done * width / total) : width
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        // A rate from the first fraction of a second says nothing; show it once there is something to average.
        let rate = seconds >= 0.5 ? Double(done) / seconds : 0
        var text = "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "]"
        text += "  \(done)/\(total)"
        if rate > 0 { text += "  " + String(format: "%.1f/s", rate) }
        if rate > 0, done < total {
            let left = Int((Double(total - done) / rate).rounded())
            text += String(format: "  ETA %d:%02d", left / 60, left % 60)
        }
        if failures > 0 { text += "  \(failures) failed" }
        return text
    }

    private func write(_ text: String) {
        StandardStreams.report(text)
    }
}
