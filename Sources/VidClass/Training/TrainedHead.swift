import Foundation
import ModelCore
import WeightFiles

/// The outcome of ``HeadTraining/train(dataset:validation:options:extractor:progress:)``: the head, the bundle
/// metadata that goes with it, the learning curve and what was skipped.
public struct TrainedHead: Sendable {
    public var head: ClassifierHead
    public var metadata: BundleMetadata
    /// One report per epoch run (early stopping may end before the requested number).
    public var history: [EpochReport]
    public var trainingClips: Int
    public var validationClips: Int
    /// Rows the dataset could not use and clips that could not be decoded, each with its reason.
    public var skipped: [Dataset.Skipped]
    /// Clips whose features came from the cache (nothing decoded).
    public var cacheHits: Int

    /// The validation accuracy of the head that was kept (the epoch with the lowest validation loss when early
    /// stopping restored it, else the last epoch); `nil` without validation clips.
    public var validationAccuracy: Double? {
        let scored = history.filter { $0.validationLoss != nil }
        guard let best = scored.min(by: { $0.validationLoss! < $1.validationLoss! }) else { return nil }
        return best.validationAccuracy
    }

    /// Writes a head-only bundle: `head.classifier.weight` [classes, d], `head.classifier.bias` [classes], and
    /// `head.attention.weight` [d] for attention pooling, in float32, with the metadata; the backbone is named by
    /// architecture and `backbone.sha256` and borrowed from the default bundle at load (``ModelBundle``). A few
    /// kilobytes per class.
    /// - Throws: ``VidClassError`` `.cannotCreate` when `path` exists and `overwrite` is false (nothing is written).
    public func write(to path: String, overwrite: Bool) throws(VidClassError) {
        var tensors = [
            NamedTensor(name: ModelBundle.headPrefix + "classifier.weight", shape: head.weight.shape, values: head.weight.values),
            NamedTensor(name: ModelBundle.headPrefix + "classifier.bias", shape: head.bias.shape, values: head.bias.values),
        ]
        if head.pooling == .attention, let attention = head.attention {
            tensors.append(NamedTensor(name: ModelBundle.headPrefix + "attention.weight", shape: attention.shape, values: attention.values))
        }
        do {
            try SafeTensorsWriter.write(tensors, metadata: metadata.strings, storage: .float32, to: path, overwrite: overwrite)
        } catch {
            if error.kind == .exists {
                throw VidClassError(.cannotCreate, "\(path) already exists", suggestion: .allowOverwriteOrChooseAnotherPath)
            }
            throw VidClassError(error)
        }
    }
}
