import Foundation
import FrameSampling
import ModelCore
import VideoDecoding

/// Which vidclass, which model and which result-changing options produced a result, so the result can be
/// reproduced and two results compared: the run header of a batch's output file and the head of an evaluation
/// report are this value.
///
/// ```swift
/// let run = try RunDescription(bundle: bundle, sampling: bundle.metadata.defaultSampling, seek: .exact)
/// run.summary   // "vidclass 0.1.0, model mine.safetensors (sha256 3f2a9c01b7de…), sampling uniform 8, seek exact, pooling mean"
/// ```
///
/// As JSON (keys sorted; a field that does not apply is absent):
///
/// ```json
/// {"model":{"name":"mine.safetensors","sha256":"3f2a…"},
///  "options":{"frames":8,"pooling":"mean","sampling":"uniform","seek":"exact"},"version":"0.1.0"}
/// ```
///
/// The model is named by its file name (informational) and the SHA-256 of the bundle file (its identity: see
/// ``ModelBundle/fileDigest()``).
public struct RunDescription: Sendable, Equatable, Codable {
    /// The model: its file name and the SHA-256 of the file's bytes.
    public struct Model: Sendable, Equatable, Codable {
        public var name: String
        public var sha256: String

        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    /// The options that change what a result says; threads, timeouts and memory budgets do not (beyond
    /// failing), so are absent. The sampling is spelled out field by field: `sampling` is the method, and only
    /// the fields of that method are set.
    public struct Options: Sendable, Equatable, Codable {
        public var sampling: String
        public var frames: Int?
        public var stride: Int?
        public var outOfRange: String?
        public var seed: UInt64?
        public var indices: [Int]?
        /// How many strided clips were spread over the video (sampling `clips`).
        public var clips: Int?
        public var seek: String
        /// How the frame features were pooled; absent when they were not (per-frame features).
        public var pooling: String?
        /// How many labels each result lists, when the task lists a fixed number.
        public var top: Int?
        /// How the results are written, when the task writes records.
        public var format: String?

        enum CodingKeys: String, CodingKey {
            case sampling, frames, stride, outOfRange = "out_of_range", seed, indices, clips, seek, pooling, top, format
        }

        /// The options of a run sampling by `sampling`, seeking by `seek` and pooling by `pooling`.
        public init(sampling: SamplingStrategy, seek: SeekMode, pooling: Pooling, top: Int? = nil, format: String? = nil) {
            self.sampling = ""
            self.seek = seek.rawValue
            self.pooling = pooling.rawValue
            self.top = top
            self.format = format
            frames = sampling.frameCount
            switch sampling {
            case .uniform:
                self.sampling = "uniform"
            case .stride(_, let step, let policy):
                self.sampling = "stride"
                stride = step
                outOfRange = policy.rawValue
            case .clips(let count, let perClip, let step, let policy):
                self.sampling = "clips"
                frames = perClip
                clips = count
                stride = step
                outOfRange = policy.rawValue
            case .random(_, let seed):
                self.sampling = "random"
                self.seed = seed
            case .indices(let list):
                self.sampling = "indices"
                indices = list
            }
        }
    }

    /// The vidclass release that ran.
    public var version: String
    public var model: Model
    public var options: Options
    /// Which shard of which input list, for one part of a sharded run (`--shard`); nil for a whole run, and
    /// absent from its JSON.
    public var shard: ShardDescription?

    public init(version: String = VidClassVersion.current, model: Model, options: Options, shard: ShardDescription? = nil) {
        self.version = version
        self.model = model
        self.options = options
        self.shard = shard
    }

    /// The description of a run of `bundle` (whose file `digest` names it; computed from the file when nil)
    /// sampling by `sampling`, seeking by `seek`, pooling by `pooling` (the bundle's own when nil).
    /// - Throws: ``VidClassError`` `.io` when the digest is to be computed and the bundle file cannot be read.
    public init(
        bundle: ModelBundle, digest: String? = nil, sampling: SamplingStrategy, seek: SeekMode, pooling: Pooling? = nil,
        top: Int? = nil, format: String? = nil
    ) throws(VidClassError) {
        let sha256: String
        if let digest { sha256 = digest } else { sha256 = try bundle.fileDigest() }
        self.init(
            model: Model(name: URL(fileURLWithPath: bundle.path).lastPathComponent, sha256: sha256),
            options: Options(
                sampling: sampling, seek: seek, pooling: pooling ?? bundle.metadata.pooling, top: top, format: format))
    }

    /// One line for people: the version, the model's name and the first 12 digits of its digest, the options.
    public var summary: String {
        var parts = ["vidclass \(version)", "model \(model.name) (sha256 \(model.sha256.prefix(12))…)"]
        parts.append("sampling \(options.strategy?.summary ?? options.sampling)")
        parts.append("seek \(options.seek)")
        if let pooling = options.pooling { parts.append("pooling \(pooling)") }
        return parts.joined(separator: ", ")
    }
}

extension RunDescription.Options {
    /// The sampling these options describe, to run again with the same frames; nil when a field it needs is
    /// missing or the method is unknown (a description written by another vidclass).
    public var strategy: SamplingStrategy? {
        if sampling == "indices" { return indices.map { SamplingStrategy.indices($0) } }
        guard let frames else { return nil }
        switch sampling {
        case "uniform":
            return .uniform(frames: frames)
        case "stride":
            guard let stride, let policy = outOfRange.flatMap(OutOfRangePolicy.init(rawValue:)) else { return nil }
            return .stride(frames: frames, step: stride, policy: policy)
        case "clips":
            guard let clips, let stride, let policy = outOfRange.flatMap(OutOfRangePolicy.init(rawValue:)) else {
                return nil
            }
            return .clips(count: clips, frames: frames, step: stride, policy: policy)
        case "random":
            return seed.map { SamplingStrategy.random(frames: frames, seed: $0) }
        default:
            return nil
        }
    }
}

/// The release of this vidclass library and tool, as `vidclass --version` prints it and results record it.
public enum VidClassVersion {
    public static let current = "0.1.0"
}
