import Foundation
import FrameSampling
import ModelCore
import WeightFiles

/// Trains a pooling + linear head on a labelled dataset, over frozen backbone features.
///
/// ```swift
/// let extractor = try FeatureExtractor(cache: FeatureCache(directory: FeatureCache.defaultDirectory()))
/// let run = try HeadTraining.train(dataset: try Dataset(contentsOf: "clips/"), options: .init(pooling: .attention),
///                                  extractor: extractor)
/// try run.write(to: "head.safetensors", overwrite: false)
/// ```
///
/// Steps: split off validation clips (unless a validation set is given), read every clip's T frame features
/// through the extractor's cache (random frames per segment for training, segment centres for validation),
/// skip unreadable clips, then fit the head with ``HeadTrainer`` (cross-entropy, hand-written gradients, early
/// stopping on validation loss). Cost: decoding + backbone for each clip not yet cached (seconds per clip), then
/// a few milliseconds per epoch for tens of clips.
public enum HeadTraining {
    /// What a training run reports as it goes.
    public enum Progress: Sendable {
        /// `done` of `total` clips have their features (training and validation together).
        case features(done: Int, total: Int)
        /// One epoch finished.
        case epoch(EpochReport)
    }

    /// Runs the whole training.
    /// - Parameter validation: a separate validation set; `nil` splits one off `dataset`.
    /// - Throws: ``VidClassError`` `.badData` when fewer than two labels have readable training clips, a label
    ///   has no readable training clip, or a validation label is not among the training labels; `.usage` for
    ///   invalid options.
    public static func train(
        dataset: Dataset, validation: Dataset? = nil, options: TrainingOptions, extractor: FeatureExtractor,
        progress: (Progress) -> Void = { _ in }
    ) throws(VidClassError) -> TrainedHead {
        try options.validate()
        let (trainingSet, validationSet) = validation.map { (dataset, $0) }
            ?? dataset.split(validationFraction: options.validationFraction, seed: options.settings.seed)
        guard trainingSet.labels.count >= 2 else {
            throw VidClassError(.badData, "Training needs at least two labels, but the dataset has \(trainingSet.labels.count) (\(trainingSet.labels.joined(separator: ", "))); add a folder or CSV label per class.")
        }
        let total = trainingSet.clips.count + validationSet.clips.count
        let architecture = extractor.bundle.metadata.architecture
        let labels = trainingSet.labels
        let metadata = BundleMetadata(
            architecture: architecture, backboneDigest: extractor.backboneDigest,
            preprocess: extractor.bundle.metadata.preprocess, pooling: options.pooling, frames: options.frames,
            sampling: architecture.family.defaultSamplingMethod.rawValue, labels: labels, source: "vidclass train")
        // Validation samples as the trained bundle will classify (and eval evaluate) by default, so the
        // validation accuracy reported here is the one eval reports on the same clips.
        let evaluationSampling = metadata.defaultSampling
        let sampling: SamplingStrategy = options.randomTrainingFrames && !architecture.family.seesClips
            ? .random(frames: options.frames, seed: options.settings.seed) : evaluationSampling
        let trainingFeatures = try DatasetFeatures(trainingSet, extractor: extractor, sampling: sampling) { done, _ in
            progress(.features(done: done, total: total))
        }
        let validationFeatures = try DatasetFeatures(validationSet, extractor: extractor, sampling: evaluationSampling) { done, _ in
            progress(.features(done: trainingSet.clips.count + done, total: total))
        }
        if let empty = labels.first(where: { label in !trainingFeatures.examples.contains { $0.clip.label == label } }) {
            throw VidClassError(.badData, "No training clip of label '\(empty)' could be read (see the skipped clips); add readable clips or remove the label.")
        }
        let training = try examples(trainingFeatures, labels: labels)
        let held = try examples(validationFeatures, labels: labels)
        let result: (head: ClassifierHead, history: [EpochReport])
        do {
            result = try HeadTrainer(settings: options.settings).train(
                pooling: options.pooling, classes: labels.count, training: training, validation: held,
                onEpoch: { progress(.epoch($0)) })
        } catch {
            throw VidClassError(error)
        }
        return TrainedHead(
            head: result.head, metadata: metadata, history: result.history,
            trainingClips: training.count, validationClips: held.count,
            skipped: trainingFeatures.skipped + validationFeatures.skipped,
            cacheHits: trainingFeatures.cacheHits + validationFeatures.cacheHits)
    }

    /// Labelled feature sets in class-index order; a validation label unknown to training is an error.
    static func examples(_ features: DatasetFeatures, labels: [String]) throws(VidClassError) -> [LabelledFeatures] {
        var result: [LabelledFeatures] = []
        for example in features.examples {
            guard let label = labels.firstIndex(of: example.clip.label) else {
                throw VidClassError(.badData, "The validation clip \(example.clip.path) has label '\(example.clip.label)', which no training clip has; every validation label must also be a training label.")
            }
            result.append(LabelledFeatures(features: example.features.features, label: label))
        }
        return result
    }
}
