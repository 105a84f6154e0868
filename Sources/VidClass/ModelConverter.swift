import Foundation
import ModelCore
import VideoDecoding
import WeightFiles

/// Turns a pretrained PyTorch checkpoint (or safetensors file) into a vidclass model bundle.
///
/// The checkpoint's backbone tensors are checked against what the architecture expects (every name present,
/// every shape right) and stored under `backbone.`; its pretrained classifier (`_fc` for EfficientNet-Lite0, `fc`
/// for ResNets, `classifier.1` for MobileNetV2, the Logits 1×1×1 convolution for I3D) becomes a mean-pooling head
/// under `head.classifier.` (for I3D that reproduces DeepMind's logits exactly; see `BackboneArchitecture.i3d`). The result
/// loads with ``ModelBundle/init(contentsOf:)`` — the converter checks that before it returns.
public enum ModelConverter {
    /// What a conversion wrote.
    public struct Summary: Sendable, Equatable {
        public var path: String
        public var architecture: BackboneArchitecture
        public var tensorCount: Int
        public var parameterCount: Int
        public var classCount: Int
        public var bytes: Int
    }

    /// Converts `weightsPath` to a bundle at `outputPath`.
    /// - Parameters:
    ///   - labels: class names in classifier order; `nil` for a 1000-class classifier uses the ImageNet-1k names.
    ///   - storage: `.float16` halves the file; `.float32` keeps every bit.
    ///   - overwrite: replace an existing `outputPath` (otherwise that is an error and nothing is written).
    public static func convert(
        weightsAt weightsPath: String, architecture: BackboneArchitecture, labels: [String]? = nil,
        storage: ElementType = .float32, to outputPath: String, overwrite: Bool = false,
        source: String? = nil, license: String? = nil
    ) throws(VidClassError) -> Summary {
        do {
            if !overwrite && FileManager.default.fileExists(atPath: outputPath) {
                throw VidClassError(.cannotCreate, "\(outputPath) already exists", suggestion: .allowOverwriteOrChooseAnotherPath)
            }
            let archive = try WeightFile.read(contentsOf: weightsPath)
            let renamed = stripWrapperPrefix(archive)
            var tensors = try backboneTensors(renamed, architecture: architecture, path: weightsPath)
            let head = try classifierTensors(renamed, architecture: architecture, path: weightsPath)
            let classes = head.weight.shape[0]
            let names = try labels ?? pretrainedLabels(classes: classes, architecture: architecture, path: weightsPath)
            guard names.count == classes else {
                throw VidClassError(.usage, "The classifier of \(weightsPath) has \(classes) classes but \(names.count) labels were given; pass a label file with one name per class.")
            }
            tensors.append(NamedTensor(name: ModelBundle.headPrefix + "classifier.weight", shape: head.weight.shape, values: head.weight.values))
            tensors.append(NamedTensor(name: ModelBundle.headPrefix + "classifier.bias", shape: head.bias.shape, values: head.bias.values))
            let metadata = BundleMetadata(
                architecture: architecture, preprocess: architecture.family.pretrainedPreprocess, pooling: .mean,
                frames: architecture.family.defaultFrames, sampling: architecture.family.defaultSamplingMethod.rawValue,
                labels: names, source: source ?? URL(fileURLWithPath: weightsPath).lastPathComponent, license: license)
            try SafeTensorsWriter.write(tensors, metadata: metadata.strings, storage: storage, to: outputPath, overwrite: overwrite)
            _ = try ModelBundle(contentsOf: outputPath)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: outputPath)[.size] as? Int) ?? 0
            return Summary(
                path: outputPath, architecture: architecture, tensorCount: tensors.count,
                parameterCount: tensors.reduce(0) { $0 + $1.values.count }, classCount: classes, bytes: bytes)
        } catch {
            throw VidClassError(error)
        }
    }

    /// Checkpoints saved from `nn.DataParallel` prefix every name with `module.`; bundles never do.
    private static func stripWrapperPrefix(_ archive: TensorArchive) -> TensorArchive {
        guard archive.names.allSatisfy({ $0.hasPrefix("module.") }) else { return archive }
        var result = archive
        result.tensors = Dictionary(uniqueKeysWithValues: archive.tensors.map { (String($0.key.dropFirst(7)), $0.value) })
        return result
    }

    private static func backboneTensors(
        _ archive: TensorArchive, architecture: BackboneArchitecture, path: String
    ) throws -> [NamedTensor] {
        let expected = Backbones.parameterShapes(architecture)
        let missing = expected.keys.filter { archive[$0] == nil }.sorted()
        guard missing.count < expected.count else {
            throw VidClassError(.badData, "\(path) holds no \(architecture.rawValue) weights (none of its \(archive.names.count) tensors has an expected name such as '\(expected.keys.sorted()[0])')", suggestion: .checkArchitecture)
        }
        guard missing.isEmpty else {
            throw VidClassError(.badData, "\(path) lacks \(missing.count) \(architecture.rawValue) tensors, e.g. '\(missing[0])'", suggestion: .checkArchitecture)
        }
        return try expected.keys.sorted().map { name in
            let tensor = try archive.tensor(name, shape: expected[name])
            return NamedTensor(name: ModelBundle.backbonePrefix + name, shape: tensor.shape, values: tensor.floats())
        }
    }

    /// The pretrained classifier as a `[classes, features]` matrix and its bias. PyTorch stores exactly that; the
    /// Flax I3D stores a 1×1×1 convolution kernel `[1, 1, 1, features, classes]`, transposed here.
    private static func classifierTensors(
        _ archive: TensorArchive, architecture: BackboneArchitecture, path: String
    ) throws -> (weight: Tensor, bias: Tensor) {
        let stem = architecture.family.pretrainedClassifierName(of: architecture)
        let (weightName, biasName) = architecture.family.seesClips ? (stem + "/kernel", stem + "/bias") : (stem + ".weight", stem + ".bias")
        guard let weight = archive[weightName], let bias = archive[biasName] else {
            throw VidClassError(.badData, "\(path) has no classifier ('\(weightName)' and '\(biasName)'), so it cannot classify on its own; train a head on its features with 'vidclass train'.")
        }
        let matrix = architecture.family.seesClips && weight.shape.count == 5 && weight.shape[0..<3] == [1, 1, 1]
            ? [weight.shape[3], weight.shape[4]] : weight.shape
        guard matrix.count == 2, bias.shape == [architecture.family.seesClips ? matrix[1] : matrix[0]] else {
            throw VidClassError(.badData, "\(path) has a classifier of shapes \(weight.shape) and \(bias.shape); expected [classes, features] and [classes].")
        }
        guard architecture.family.seesClips else {
            return (Tensor(shape: matrix, values: weight.floats()), Tensor(shape: bias.shape, values: bias.floats()))
        }
        let (features, classes) = (matrix[0], matrix[1])
        let kernel = weight.floats()
        var transposed = [Float](repeating: 0, count: kernel.count)
        for f in 0..<features {
            for c in 0..<classes { transposed[c * features + f] = kernel[f * classes + c] }
        }
        return (Tensor(shape: [classes, features], values: transposed), Tensor(shape: bias.shape, values: bias.floats()))
    }

    /// The class names of a pretrained classifier with `classes` outputs: ImageNet-1k for 1000, Kinetics-400
    /// for an I3D with 400.
    private static func pretrainedLabels(classes: Int, architecture: BackboneArchitecture, path: String) throws -> [String] {
        if architecture.family.seesClips, classes == 400 { return try LabelList.kinetics400.load() }
        return try imageNetLabels(classes: classes, path: path)
    }

    private static func imageNetLabels(classes: Int, path: String) throws -> [String] {
        guard classes == 1000 else {
            throw VidClassError(.usage, "The classifier of \(path) has \(classes) classes", suggestion: .giveLabels)
        }
        return try LabelList.imageNet.load()
    }
}
