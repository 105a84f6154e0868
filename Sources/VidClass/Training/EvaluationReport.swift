import Foundation
import ModelCore

/// How well a model bundle labels a dataset: accuracy, top-5, per-class precision and recall, confusion matrix.
///
/// ```swift
/// let report = try EvaluationReport(dataset: try Dataset(contentsOf: "test/"), model: bundle, extractor: extractor)
/// print(report.accuracy, report.confusion)   // confusion[true][predicted]
/// ```
///
/// Each clip is classified from T = the bundle's `frames` segment centres (as classification does), through the
/// extractor's feature cache. Clips whose label the model does not know, and clips that cannot be decoded, are
/// skipped and listed. `Codable`: `vidclass eval --format json` prints this value.
public struct EvaluationReport: Sendable, Equatable, Codable {
    public var model: String
    /// The model's labels; class index = position, rows and columns of ``confusion``.
    public var labels: [String]
    public var clips: Int
    public var accuracy: Double
    public var top5Accuracy: Double
    /// Mean cross-entropy −log P(y|V).
    public var loss: Double
    /// `confusion[t][p]`: clips of true class t predicted as p.
    public var confusion: [[Int]]
    /// Per class: of the clips predicted as it, the fraction that are; `nil` when none were predicted as it.
    public var precision: [Double?]
    /// Per class: of its clips, the fraction predicted as it; `nil` when the dataset has none.
    public var recall: [Double?]
    public var skipped: [Dataset.Skipped]

    /// Evaluates `model` on `dataset`; `progress(done, total)` after each clip.
    /// - Throws: ``VidClassError`` `.badData` when no clip could be evaluated.
    public init(
        dataset: Dataset, model: ModelBundle, extractor: FeatureExtractor, progress: (Int, Int) -> Void = { _, _ in }
    ) throws(VidClassError) {
        let features = try DatasetFeatures(
            dataset, extractor: extractor, sampling: model.metadata.architecture.defaultSampling(frames: model.metadata.frames),
            progress: progress)
        var skipped = features.skipped
        var examples: [LabelledFeatures] = []
        for example in features.examples {
            guard let label = model.metadata.labels.firstIndex(of: example.clip.label) else {
                skipped.append(Dataset.Skipped(item: example.clip.path, reason: "The model has no label '\(example.clip.label)'."))
                continue
            }
            examples.append(LabelledFeatures(features: example.features.features, label: label))
        }
        guard !examples.isEmpty else {
            throw VidClassError(.badData, "No clip of the dataset could be evaluated (\(skipped.count) skipped); check that its labels are the model's labels: \(model.metadata.labels.prefix(5).joined(separator: ", ")).")
        }
        let evaluation: Evaluation
        do {
            evaluation = try Evaluation(head: model.head, examples: examples, classes: model.metadata.labels.count)
        } catch {
            throw VidClassError(error)
        }
        self.model = model.path
        self.labels = model.metadata.labels
        self.clips = examples.count
        self.accuracy = evaluation.accuracy
        self.top5Accuracy = evaluation.top5Accuracy
        self.loss = evaluation.loss
        self.confusion = evaluation.confusion
        self.precision = evaluation.precision
        self.recall = evaluation.recall
        self.skipped = skipped
    }

    /// A human-readable report: summary line, per-class table, confusion matrix (rows: truth, columns: prediction).
    public var text: String {
        var lines = [
            "\(clips) clips: accuracy \(Self.percent(accuracy)), top-5 \(Self.percent(top5Accuracy)), loss \(String(format: "%.4f", loss))",
            "",
            "class".padding(toLength: 24, withPad: " ", startingAt: 0) + "  precision  recall  clips",
        ]
        let shown = presentClasses
        for index in shown {
            lines.append(
                String(labels[index].prefix(24)).padding(toLength: 24, withPad: " ", startingAt: 0)
                    + "  " + Self.fraction(precision[index], width: 9) + "  " + Self.fraction(recall[index], width: 6)
                    + String(format: "  %5d", confusion[index].reduce(0, +)))
        }
        lines += ["", "confusion (rows: true label, columns: predicted, in the order above)"]
        for row in shown {
            lines.append(shown.map { String(format: "%5d", confusion[row][$0]) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The classes that occur in the evaluation, as a true label or a prediction, in label order (a model may
    /// know many more classes than a test set holds).
    public var presentClasses: [Int] {
        labels.indices.filter { index in confusion[index].reduce(0, +) > 0 || confusion.contains { $0[index] > 0 } }
    }

    /// A fraction with three decimals right-aligned in `width` columns, or `-` when undefined.
    private static func fraction(_ value: Double?, width: Int) -> String {
        let text = value.map { String(format: "%.3f", $0) } ?? "-"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
