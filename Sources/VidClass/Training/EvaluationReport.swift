import Foundation
import FrameSampling
import ModelCore
import VideoDecoding

/// How well a model bundle labels a dataset: accuracy, top-5, per-class precision and recall, confusion matrix,
/// and each clip's prediction.
///
/// ```swift
/// let report = try EvaluationReport(dataset: try Dataset(contentsOf: "test/"), model: bundle, extractor: extractor)
/// print(report.accuracy, report.confusion)   // confusion[true][predicted]
/// for clip in report.perClip where !clip.isCorrect { print(clip.input, clip.label, "→", clip.predicted) }
/// ```
///
/// Each clip is classified as `vidclass classify` classifies it: from the bundle's own sampling
/// (``BundleMetadata/defaultSampling``) unless `sampling` says otherwise, through the extractor's feature cache,
/// with the same head and probabilities, so a clip's prediction here is the one classification prints. Clips
/// whose label the model does not know, and clips that cannot be decoded, are skipped and listed. `Codable`:
/// `vidclass eval --format json` prints this value, with the run (version, model digest, options) under
/// `vidclass`.
public struct EvaluationReport: Sendable, Equatable, Codable {
    /// One evaluated clip: its true label, what the model predicted and how sure it was.
    public struct ClipResult: Sendable, Equatable, Codable {
        /// The clip's path, as the dataset lists it.
        public var input: String
        /// The true label.
        public var label: String
        /// The most probable label.
        public var predicted: String
        /// The probability of ``predicted``.
        public var probability: Float
        /// The probability of the true ``label``.
        public var labelProbability: Float
        /// The most probable labels, most probable first (``predicted`` first).
        public var top: [Prediction]

        public var isCorrect: Bool { predicted == label }
    }

    /// The vidclass version, the model (file name and SHA-256) and the options (sampling, frames, seek,
    /// pooling) of this evaluation.
    public var run: RunDescription
    /// The model bundle's path.
    public var model: String
    /// The model's labels; class index = position, rows and columns of ``confusion``.
    public var labels: [String]
    public var clips: Int
    public var accuracy: Double
    /// The fraction of clips whose label is among the 5 most probable; `nil` (absent from JSON) when the model
    /// has 5 classes or fewer, where it says nothing.
    public var top5Accuracy: Double?
    /// Mean cross-entropy −log P(y|V).
    public var loss: Double
    /// `confusion[t][p]`: clips of true class t predicted as p.
    public var confusion: [[Int]]
    /// Per class: of the clips predicted as it, the fraction that are; `nil` when none were predicted as it.
    public var precision: [Double?]
    /// Per class: of its clips, the fraction predicted as it; `nil` when the dataset has none.
    public var recall: [Double?]
    /// Every evaluated clip's prediction, in dataset order.
    public var perClip: [ClipResult]
    public var skipped: [Dataset.Skipped]

    enum CodingKeys: String, CodingKey {
        case run = "vidclass", model, labels, clips, accuracy, top5Accuracy, loss, confusion, precision, recall, perClip,
            skipped
    }

    /// Evaluates `model` on `dataset`, sampling each clip by `sampling` (nil: the bundle's own) and seeking by
    /// `seek`; each clip's result lists its `top` most probable labels. `progress(done, total)` after each clip.
    /// - Throws: ``VidClassError`` `.badData` when no clip could be evaluated, `.io` when the bundle file cannot
    ///   be read for its digest.
    public init(
        dataset: Dataset, model: ModelBundle, extractor: FeatureExtractor, sampling: SamplingStrategy? = nil,
        seek: SeekMode = .exact, top: Int = 5, progress: (Int, Int) -> Void = { _, _ in }
    ) throws(VidClassError) {
        let sampling = sampling ?? model.metadata.defaultSampling
        let run = try RunDescription(bundle: model, sampling: sampling, seek: seek, top: top)
        let features = try DatasetFeatures(
            dataset, extractor: extractor, sampling: sampling, seek: seek, reseeding: false, progress: progress)
        var skipped = features.skipped
        var examples: [LabelledFeatures] = []
        var evaluated: [Dataset.Clip] = []
        for example in features.examples {
            guard let label = model.metadata.labels.firstIndex(of: example.clip.label) else {
                skipped.append(Dataset.Skipped(item: example.clip.path, reason: "The model has no label '\(example.clip.label)'."))
                continue
            }
            examples.append(LabelledFeatures(features: example.features.features, label: label))
            evaluated.append(example.clip)
        }
        guard !examples.isEmpty else {
            throw VidClassError(.badData, "No clip of the dataset could be evaluated (\(skipped.count) skipped); check that its labels are the model's labels: \(model.metadata.labels.prefix(5).joined(separator: ", ")).")
        }
        let evaluation: Evaluation
        let perClip: [ClipResult]
        do {
            evaluation = try Evaluation(head: model.head, examples: examples, classes: model.metadata.labels.count)
            perClip = try zip(evaluated, examples).map { clip, example in
                try ClipResult(clip: clip, probabilities: model.head.probabilities(example.features), labels: model.metadata.labels, top: top)
            }
        } catch {
            throw VidClassError(error)
        }
        self.init(run: run, model: model.path, labels: model.metadata.labels, evaluation: evaluation, perClip: perClip, skipped: skipped)
    }

    /// A report of `evaluation`; top-5 accuracy is left out when there are 5 labels or fewer.
    init(
        run: RunDescription, model: String, labels: [String], evaluation: Evaluation, perClip: [ClipResult],
        skipped: [Dataset.Skipped]
    ) {
        self.run = run
        self.model = model
        self.labels = labels
        self.clips = perClip.count
        self.accuracy = evaluation.accuracy
        self.top5Accuracy = labels.count > 5 ? evaluation.top5Accuracy : nil
        self.loss = evaluation.loss
        self.confusion = evaluation.confusion
        self.precision = evaluation.precision
        self.recall = evaluation.recall
        self.perClip = perClip
        self.skipped = skipped
    }

    /// The classes that occur in the evaluation, as a true label or a prediction, in label order (a model may
    /// know many more classes than a test set holds).
    public var presentClasses: [Int] {
        labels.indices.filter { index in confusion[index].reduce(0, +) > 0 || confusion.contains { $0[index] > 0 } }
    }
}

extension EvaluationReport.ClipResult {
    /// The result of `clip` whose class probabilities (in label order) are `probabilities`.
    init(clip: Dataset.Clip, probabilities: [Float], labels: [String], top: Int) {
        let ranked = VideoClassifier.top(max(1, min(top, labels.count)), of: probabilities, labels: labels)
        let truth = labels.firstIndex(of: clip.label) ?? 0
        self.init(
            input: clip.path, label: clip.label, predicted: ranked[0].label, probability: ranked[0].probability,
            labelProbability: probabilities[truth], top: ranked)
    }
}
