import Foundation
import VidClass

/// The first line of every `--output` file: which vidclass, which model and which result-changing options wrote
/// the records below it, so `--resume` continues only the same run and never appends to a file that is not one.
///
/// ```json
/// {"vidclass":{"model":{"name":"efficientnet-lite0-imagenet.safetensors","sha256":"3f2a…"},
///  "options":{"format":"jsonl","frames":2,"pooling":"mean","sampling":"uniform","seek":"exact","top":5},
///  "version":"0.1.0"}}
/// ```
///
/// (one line in the file). Two headers *match* when the model digest and the options are equal; the version and
/// the model's name (its file name) are informational, so a renamed bundle or an upgraded vidclass may continue
/// a batch. Readers skip the line because it has no `input` key (`jq 'select(.input)'`).
struct RunHeader: Codable, Equatable {
    struct Model: Codable, Equatable {
        var name: String
        var sha256: String
    }

    /// The options that change what a record says; threads and timeouts do not (beyond failing), so are absent.
    struct Options: Codable, Equatable {
        var sampling: String
        var frames: Int?
        var stride: Int?
        var outOfRange: String?
        var seed: UInt64?
        var indices: [Int]?
        var seek: String
        var pooling: String
        var top: Int
        var format: String

        enum CodingKeys: String, CodingKey {
            case sampling, frames, stride, outOfRange = "out_of_range", seed, indices, seek, pooling, top, format
        }
    }

    var version: String
    var model: Model
    var options: Options

    /// The header of a batch classifying with `bundle` and `options`, writing `format` records.
    init(version: String, bundle: ModelBundle, digest: String, options: ClassifyOptions, format: OutputFormat) {
        self.version = version
        model = Model(name: URL(fileURLWithPath: bundle.path).lastPathComponent, sha256: digest)
        var described = Options(
            sampling: "", seek: options.seek.rawValue, pooling: (options.pooling ?? bundle.metadata.pooling).rawValue,
            top: options.top, format: format.rawValue)
        let sampling = options.sampling ?? bundle.metadata.defaultSampling
        described.frames = sampling.frameCount
        switch sampling {
        case .uniform:
            described.sampling = "uniform"
        case .stride(_, let step, let policy):
            described.sampling = "stride"
            described.stride = step
            described.outOfRange = policy.rawValue
        case .random(_, let seed):
            described.sampling = "random"
            described.seed = seed
        case .indices(let list):
            described.sampling = "indices"
            described.indices = list
        }
        self.options = described
    }

    /// Whether records written under `other` may be continued under this header.
    func matches(_ other: RunHeader) -> Bool {
        model.sha256 == other.model.sha256 && options == other.options
    }

    /// What differs from `other`, for an error message: the model (name and digest) or options, e.g. `frames 16 → 2`.
    func differences(from other: RunHeader) -> [String] {
        var found: [String] = []
        if model.sha256 != other.model.sha256 {
            found.append("model \(other.model.name) \(other.model.sha256.prefix(12))… → \(model.name) \(model.sha256.prefix(12))…")
        }
        let mine = Self.fields(options), theirs = Self.fields(other.options)
        for key in Set(mine.keys).union(theirs.keys).sorted() where mine[key] != theirs[key] {
            found.append("\(key) \(theirs[key] ?? "unset") → \(mine[key] ?? "unset")")
        }
        return found
    }

    /// The header as its one line of JSON, newline included.
    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(["vidclass": self])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a header line; nil when the line is not one (not JSON, or no well-formed `vidclass` object).
    init?(line: some Collection<UInt8>) {
        guard let decoded = try? JSONDecoder().decode([String: RunHeader].self, from: Data(line)),
            let header = decoded["vidclass"], decoded.count == 1
        else { return nil }
        self = header
    }

    private static func fields(_ options: Options) -> [String: String] {
        let data = (try? JSONEncoder().encode(options)) ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return object.mapValues { "\($0)" }
    }
}
