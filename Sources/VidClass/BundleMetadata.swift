import Foundation
import FrameSampling
import ModelCore
import VideoDecoding

/// What a model bundle says about itself, stored as strings in the safetensors `__metadata__` block.
///
/// A bundle is one safetensors file: the backbone's tensors under `backbone.` (PyTorch names), the head's under
/// `head.` (`head.classifier.weight` [classes, d], `head.classifier.bias` [classes], and for attention pooling
/// `head.attention.weight` [d]), and these keys:
///
/// | key | value |
/// |---|---|
/// | `vidclass.format` | `1` |
/// | `backbone` | architecture, e.g. `efficientnet-lite0` |
/// | `backbone.sha256` | the backbone weights' digest, when they are not embedded |
/// | `preprocess` | JSON: `{"resizeShortSide":256,"cropSize":224,"mean":[…],"std":[…]}` |
/// | `pooling` | the head's pooling: `mean`, `max` or `attention` |
/// | `frames`, `sampling` | how the head was trained (defaults for classification) |
/// | `labels` | JSON array of class names, index = class |
/// | `source`, `license` | provenance of the weights |
public struct BundleMetadata: Sendable, Equatable {
    public static let formatVersion = "1"

    public var architecture: BackboneArchitecture
    public var backboneDigest: String?
    public var preprocess: PreprocessSpec
    public var pooling: Pooling
    public var frames: Int
    public var sampling: String
    public var labels: [String]
    public var source: String?
    public var license: String?

    public init(
        architecture: BackboneArchitecture, backboneDigest: String? = nil, preprocess: PreprocessSpec,
        pooling: Pooling, frames: Int = 16, sampling: String = "uniform", labels: [String],
        source: String? = nil, license: String? = nil
    ) {
        self.architecture = architecture
        self.backboneDigest = backboneDigest
        self.preprocess = preprocess
        self.pooling = pooling
        self.frames = frames
        self.sampling = sampling
        self.labels = labels
        self.source = source
        self.license = license
    }
}

extension BundleMetadata {
    /// Reads the metadata block of a bundle; `path` only names the file in error messages.
    public init(strings: [String: String], path: String) throws(VidClassError) {
        func required(_ key: String) throws(VidClassError) -> String {
            guard let value = strings[key] else {
                throw VidClassError(
                    .badData,
                    "\(path) is not a vidclass model bundle (its metadata has no '\(key)'); make one with 'vidclass convert' or 'vidclass train'."
                )
            }
            return value
        }
        let version = try required("vidclass.format")
        guard version == Self.formatVersion else {
            throw VidClassError(.badData, "\(path) is a version \(version) bundle, but this vidclass reads version \(Self.formatVersion); convert it again with this vidclass.")
        }
        let arch = try required("backbone")
        guard let architecture = BackboneArchitecture(rawValue: arch) else {
            let known = BackboneArchitecture.allCases.map(\.rawValue).joined(separator: ", ")
            throw VidClassError(.badData, "\(path) names backbone '\(arch)', which vidclass does not know (known: \(known)).")
        }
        let poolingName = try required("pooling")
        guard let pooling = Pooling(rawValue: poolingName) else {
            throw VidClassError(.badData, "\(path) names pooling '\(poolingName)'; expected mean, max or attention.")
        }
        let decoder = JSONDecoder()
        guard let preprocess = try? decoder.decode(PreprocessSpec.self, from: Data(try required("preprocess").utf8)) else {
            throw VidClassError(.badData, "\(path) has unreadable preprocessing metadata; convert the weights again with 'vidclass convert'.")
        }
        do {
            try preprocess.validate()
        } catch {
            throw VidClassError(.badData, "\(path) has preprocessing metadata out of range (\(error.message)); convert the weights again with 'vidclass convert'.")
        }
        let frames = strings["frames"].map { Int($0) } ?? 16
        guard let frames, (1...FrameSampler.maximumFrames).contains(frames) else {
            throw VidClassError(
                .badData,
                "\(path) asks for '\(strings["frames"] ?? "")' frames per clip, not a whole number from 1 to \(FrameSampler.maximumFrames); convert or train it again.")
        }
        guard let labels = try? decoder.decode([String].self, from: Data(try required("labels").utf8)), !labels.isEmpty else {
            throw VidClassError(.badData, "\(path) has no readable label list in its metadata; convert or train it again.")
        }
        self.init(
            architecture: architecture, backboneDigest: strings["backbone.sha256"], preprocess: preprocess,
            pooling: pooling, frames: frames, sampling: strings["sampling"] ?? "uniform",
            labels: labels, source: strings["source"], license: strings["license"]
        )
    }

    /// The metadata block to write into a bundle.
    public var strings: [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var result: [String: String] = [
            "vidclass.format": Self.formatVersion,
            "backbone": architecture.rawValue,
            "preprocess": String(decoding: (try? encoder.encode(preprocess)) ?? Data(), as: UTF8.self),
            "pooling": pooling.rawValue,
            "frames": String(frames),
            "sampling": sampling,
            "labels": String(decoding: (try? encoder.encode(labels)) ?? Data(), as: UTF8.self),
        ]
        result["backbone.sha256"] = backboneDigest
        result["source"] = source
        result["license"] = license
        return result
    }
}
