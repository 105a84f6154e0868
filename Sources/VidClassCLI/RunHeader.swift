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
struct RunHeader: Equatable {
    /// The version, the model and the options, as the library describes a run.
    var run: RunDescription

    /// The header of a batch classifying with `bundle` and `options`, writing `format` records.
    init(bundle: ModelBundle, digest: String, options: ClassifyOptions, format: OutputFormat) throws(VidClassError) {
        run = try RunDescription(
            bundle: bundle, digest: digest, sampling: options.sampling ?? bundle.metadata.defaultSampling,
            seek: options.seek, pooling: options.pooling, top: options.top, format: format.rawValue)
    }

    /// The header of `run`.
    init(run: RunDescription) {
        self.run = run
    }

    /// Whether records written under `other` may be continued under this header: the same model and options,
    /// and the same shard of the same input list (or both whole runs).
    func matches(_ other: RunHeader) -> Bool {
        run.model.sha256 == other.run.model.sha256 && run.options == other.run.options && run.shard == other.run.shard
    }

    /// What differs from `other`, for an error message: the model (name and digest) or options, e.g. `frames 16 → 2`.
    func differences(from other: RunHeader) -> [String] {
        var found: [String] = []
        let (model, theirModel) = (run.model, other.run.model)
        if model.sha256 != theirModel.sha256 {
            found.append("model \(theirModel.name) \(theirModel.sha256.prefix(12))… → \(model.name) \(model.sha256.prefix(12))…")
        }
        let mine = Self.fields(run.options), theirs = Self.fields(other.run.options)
        for key in Set(mine.keys).union(theirs.keys).sorted() where mine[key] != theirs[key] {
            found.append("\(key) \(theirs[key] ?? "unset") → \(mine[key] ?? "unset")")
        }
        if run.shard != other.run.shard {
            found.append("shard \(Self.shardWords(other.run.shard)) → \(Self.shardWords(run.shard))")
        }
        return found
    }

    /// The header as its one line of JSON, newline included.
    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(["vidclass": run])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a header line; nil when the line is not one (not JSON, or no well-formed `vidclass` object).
    init?(line: some Collection<UInt8>) {
        guard let decoded = try? JSONDecoder().decode([String: RunDescription].self, from: Data(line)),
            let run = decoded["vidclass"], decoded.count == 1
        else { return nil }
        self.run = run
    }

    /// `2/4 of 12 inputs (sha256 9f86d081884c…)`, or `none` for a whole run.
    private static func shardWords(_ shard: ShardDescription?) -> String {
        shard.map { "\($0.index)/\($0.count) of \($0.inputs) inputs (sha256 \($0.inputsSHA256.prefix(12))…)" } ?? "none"
    }

    private static func fields(_ options: RunDescription.Options) -> [String: String] {
        let data = (try? JSONEncoder().encode(options)) ?? Data()
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return object.mapValues { "\($0)" }
    }
}
