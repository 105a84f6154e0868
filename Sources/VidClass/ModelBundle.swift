import Foundation
import ModelCore
import WeightFiles

/// A loaded classifier: backbone, pooling head, labels and preprocessing, ready to run.
///
/// Loading memory-maps the safetensors file and folds BatchNorm into the convolutions once; after that a
/// bundle is immutable and `Sendable`, so one loaded bundle can serve any number of concurrent tasks.
///
/// ```swift
/// let bundle = try ModelBundle(contentsOf: ModelBundle.defaultPath())
/// print(bundle.metadata.labels.count)   // 1000
/// ```
public struct ModelBundle: Sendable {
    public let path: String
    public let metadata: BundleMetadata
    public let backbone: any Backbone
    public let head: ClassifierHead

    /// Prefixes of the two halves of a bundle's tensors.
    public static let backbonePrefix = "backbone."
    public static let headPrefix = "head."

    /// Loads the bundle at `path`; every failure is one ``VidClassError`` sentence naming the file.
    ///
    /// A head-only bundle (as `vidclass train` writes) borrows its backbone from the installed bundle of its
    /// architecture in `searchPath`, after checking that the weights' digest matches `backbone.sha256` (about
    /// 0.1 s more).
    public init(contentsOf path: String, searchPath: ModelSearchPath = .current) throws(VidClassError) {
        let (archive, metadata) = try Self.readHeader(of: path)
        let backboneWeights = try Self.backboneWeights(in: archive, metadata: metadata, path: path, searchPath: searchPath)
        do {
            let backbone = try Backbones.make(metadata.architecture, weights: backboneWeights, prefix: Self.backbonePrefix)
            let head = try Self.loadHead(archive, metadata: metadata, featureDimension: backbone.featureDimension)
            self.init(path: path, metadata: metadata, backbone: backbone, head: head)
        } catch {
            let reason = VidClassError(error).message
            throw VidClassError(.badData, "\(path) does not hold a usable \(metadata.architecture.rawValue) model: \(reason)")
        }
    }

    public init(path: String, metadata: BundleMetadata, backbone: any Backbone, head: ClassifierHead) {
        self.path = path
        self.metadata = metadata
        self.backbone = backbone
        self.head = head
    }

    /// The poolings this bundle can classify with: mean and max share the linear classifier; attention also needs
    /// the learned query vector, so it is offered only by bundles trained with it.
    public var availablePoolings: [Pooling] {
        head.attention == nil ? [.mean, .max] : [.mean, .max, .attention]
    }

    /// The same bundle with another pooling over time, or a usage error naming the poolings it has.
    public func withPooling(_ pooling: Pooling) throws(VidClassError) -> ModelBundle {
        guard availablePoolings.contains(pooling) else {
            let names = availablePoolings.map(\.rawValue).joined(separator: ", ")
            throw VidClassError(.usage, "The model \(path) has no \(pooling.rawValue) pooling head (it has: \(names))", suggestion: .trainWithPooling)
        }
        var head = head
        head.pooling = pooling
        return ModelBundle(path: path, metadata: metadata, backbone: backbone, head: head)
    }

    private static func loadHead(
        _ archive: TensorArchive, metadata: BundleMetadata, featureDimension: Int
    ) throws -> ClassifierHead {
        let classes = metadata.labels.count
        let weight = try archive.tensor(headPrefix + "classifier.weight", shape: [classes, featureDimension])
        let bias = try archive.tensor(headPrefix + "classifier.bias", shape: [classes])
        let attention = try archive[headPrefix + "attention.weight"].map { _ in
            try archive.tensor(headPrefix + "attention.weight", shape: [featureDimension])
        }
        /// The tensor's values, refused when any is NaN or infinite (every prediction would be NaN).
        func values(_ name: String, _ tensor: StoredTensor) throws -> Tensor {
            let values = tensor.floats()
            guard values.allFinite else { throw ModelError.nonFinite(headPrefix + name) }
            return Tensor(shape: tensor.shape, values: values)
        }
        return try ClassifierHead(
            pooling: metadata.pooling,
            weight: values("classifier.weight", weight),
            bias: values("classifier.bias", bias),
            attention: attention.map { try values("attention.weight", $0) }
        )
    }
}
