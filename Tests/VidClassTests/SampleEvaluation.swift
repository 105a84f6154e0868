import ModelCore

@testable import VidClass

/// Evaluation reports made without video, for the report and plot tests.
enum SampleEvaluation {
    static let run = RunDescription(
        model: .init(name: "mine.safetensors", sha256: String(repeating: "ab", count: 32)),
        options: .init(sampling: .uniform(frames: 8), seek: .exact, pooling: .mean, top: 5))

    /// A report of a random head over `labels`, two clips per label with features chosen by their index.
    static func report(labels: [String]) throws -> EvaluationReport {
        let head = ClassifierHead.initialized(pooling: .mean, classes: labels.count, featureDimension: 4, seed: 11)
        let examples = (0..<labels.count * 2).map { index in
            LabelledFeatures(
                features: Tensor(shape: [1, 4], values: (0..<4).map { Float(($0 * 7 + index * 3) % 5) - 2 }),
                label: index % labels.count)
        }
        let evaluation = try Evaluation(head: head, examples: examples, classes: labels.count)
        let perClip = try examples.enumerated().map { index, example in
            EvaluationReport.ClipResult(
                clip: Dataset.Clip(path: "clips/\(index).mp4", label: labels[example.label]),
                probabilities: try head.probabilities(example.features), labels: labels, top: 5)
        }
        return EvaluationReport(
            run: run, model: "mine.safetensors", labels: labels, evaluation: evaluation, perClip: perClip, skipped: [])
    }
}
