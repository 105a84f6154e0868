import Foundation

extension EvaluationReport {
    /// The report for people, as `vidclass eval` prints it: the run (version, model, options), a summary line,
    /// the per-class table, the confusion matrix (rows: truth, columns: prediction) and, with `perClip`, one
    /// line per clip.
    ///
    /// ```text
    /// vidclass 0.1.0, model mine.safetensors (sha256 3f2a9c01b7de…), sampling uniform 8, seek exact, pooling mean
    /// 9 clips: accuracy 88.9%, loss 0.3121
    /// …
    /// per clip (p: probability of the prediction, p(true): of the true label)
    /// ok     0.912    0.912  bikes            bikes            val/bikes/a.mp4
    /// WRONG  0.640    0.301  pancake          cleaning_a_pool  val/pancake/b.mp4
    /// ```
    ///
    /// Top-5 accuracy is left out of the summary when the model has 5 classes or fewer.
    public func text(perClip showsClips: Bool = false) -> String {
        var lines = [run.summary, summaryLine, ""]
        lines.append(Self.padded("class", to: Self.nameWidth) + "  precision  recall  clips")
        let shown = presentClasses
        for index in shown {
            lines.append(
                Self.padded(labels[index], to: Self.nameWidth)
                    + "  " + Self.fraction(precision[index], width: 9) + "  " + Self.fraction(recall[index], width: 6)
                    + String(format: "  %5d", confusion[index].reduce(0, +)))
        }
        lines += ["", "confusion (rows: true label, columns: predicted, in the order above)"]
        for row in shown {
            lines.append(shown.map { String(format: "%5d", confusion[row][$0]) }.joined())
        }
        if showsClips { lines += [""] + clipLines }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report without per-clip lines.
    public var text: String { text() }

    /// `9 clips: accuracy 88.9%, top-5 100.0%, loss 0.3121` (no top-5 with 5 classes or fewer).
    var summaryLine: String {
        let topFive = top5Accuracy.map { ", top-5 \(Self.percent($0))" } ?? ""
        return "\(clips) clips: accuracy \(Self.percent(accuracy))\(topFive), loss \(String(format: "%.4f", loss))"
    }

    /// A heading and one line per clip: right or wrong, the two probabilities, true and predicted label, path.
    private var clipLines: [String] {
        let width = min(Self.nameWidth, perClip.map { max($0.label.count, $0.predicted.count) }.max() ?? 1)
        var lines = [
            "per clip (p: probability of the prediction, p(true): of the true label)",
            "result       p  p(true)  " + Self.padded("true", to: width) + "  " + Self.padded("predicted", to: width) + "  clip",
        ]
        for clip in perClip {
            lines.append(
                Self.padded(clip.isCorrect ? "ok" : "WRONG", to: 6) + String(format: "  %6.3f  %7.3f  ", clip.probability, clip.labelProbability)
                    + Self.padded(clip.label, to: width) + "  " + Self.padded(clip.predicted, to: width) + "  " + clip.input)
        }
        return lines
    }

    /// Class names are cut to this many characters in tables.
    private static let nameWidth = 24

    /// `text` cut to `width` characters (ending in `…` when cut) and padded with spaces to `width`.
    private static func padded(_ text: String, to width: Int) -> String {
        let cut = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        return cut.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    /// A fraction with three decimals right-aligned in `width` columns, or `-` when undefined.
    private static func fraction(_ value: Double?, width: Int) -> String {
        let text = value.map { String(format: "%.3f", $0) } ?? "-"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
