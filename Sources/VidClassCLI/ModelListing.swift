import Foundation
import VidClass

/// What `vidclass models` prints: the installed bundles, then the folders searched, as text or JSON.
struct ModelListing {
    let models: [InstalledModel]
    let folders: [ModelSearchPath.Folder]

    /// How many labels each bundle shows.
    static let labelSample = 5

    // MARK: Text

    /// One block per bundle, then the folders:
    ///
    ///     imagenet
    ///       file      /opt/vidclass/share/vidclass/Models/efficientnet-lite0-imagenet.safetensors
    ///       size      9.4 MB
    ///       sha256    1eb500e1…
    ///       backbone  efficientnet-lite0
    ///       frames    16, uniform sampling, mean pooling
    ///       labels    1000: tench, goldfish, great white shark, tiger shark, hammerhead, …
    ///
    ///     Searched, in order (the first file of a name wins):
    ///       missing /opt/vidclass/bin/Models  (beside the executable)
    ///       found   /opt/vidclass/share/vidclass/Models  (beside the executable)
    func text() -> String {
        var lines = models.isEmpty ? ["No model bundles found.", ""] : models.flatMap { describe($0) + [""] }
        lines.append("Searched, in order (the first file of a name wins):")
        lines += folders.map { "  \($0.exists ? "found  " : "missing") \($0.path)  (\(Self.describe($0.origin)))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ model: InstalledModel) -> [String] {
        var lines = [model.name, "  file      \(model.path)", "  size      \(Self.size(model.byteCount))"]
        if let sha256 = model.sha256 { lines.append("  sha256    \(sha256)") }
        if let metadata = model.metadata {
            let borrowed = model.isHeadOnly ? " (head only: borrows the installed backbone with sha256 \(metadata.backboneDigest?.prefix(12) ?? "")…)" : ""
            lines.append("  backbone  \(metadata.architecture.rawValue)\(borrowed)")
            lines.append("  frames    \(metadata.frames), \(metadata.sampling) sampling, \(metadata.pooling.rawValue) pooling")
            let sample = metadata.labels.prefix(Self.labelSample).joined(separator: ", ")
            lines.append("  labels    \(metadata.labels.count): \(sample)\(metadata.labels.count > Self.labelSample ? ", …" : "")")
        }
        if let error = model.error { lines.append("  error     \(error.commandLineMessage)") }
        if let shadowedBy = model.shadowedBy { lines.append("  unused    --model \(model.name) means \(shadowedBy), found earlier") }
        return lines
    }

    private static func describe(_ origin: ModelSearchPath.Origin) -> String {
        switch origin {
        case .app: "set by the app"
        case .environment: "$VIDCLASS_MODELS"
        case .executable: "beside the executable"
        case .checkout: "the source checkout, last resort"
        }
    }

    /// `9.4 MB`, `48.2 kB`, `512 bytes`: decimal units, as `ls -h --si`.
    private static func size(_ bytes: Int) -> String {
        switch bytes {
        case ..<10_000: "\(bytes) bytes"
        case ..<1_000_000: String(format: "%.1f kB", Double(bytes) / 1e3)
        default: String(format: "%.1f MB", Double(bytes) / 1e6)
        }
    }

    // MARK: JSON

    private struct Record: Encodable {
        var name: String
        var path: String
        var bytes: Int
        var sha256: String?
        var backbone: String?
        var headOnly: Bool?
        var backboneSHA256: String?
        var frames: Int?
        var sampling: String?
        var pooling: String?
        var labelCount: Int?
        var labels: [String]?
        var shadowedBy: String?
        var error: ErrorRecord.Detail?
    }

    private struct Folder: Encodable {
        var path: String
        var origin: String
        var exists: Bool
    }

    private struct Document: Encodable {
        var models: [Record]
        var searchPath: [Folder]
    }

    func json() -> String {
        let document = Document(
            models: models.map(Self.record),
            searchPath: folders.map { Folder(path: $0.path, origin: $0.origin.rawValue, exists: $0.exists) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }

    private static func record(_ model: InstalledModel) -> Record {
        let metadata = model.metadata
        return Record(
            name: model.name, path: model.path, bytes: model.byteCount, sha256: model.sha256,
            backbone: metadata?.architecture.rawValue, headOnly: metadata.map { _ in model.isHeadOnly },
            backboneSHA256: model.isHeadOnly ? metadata?.backboneDigest : nil, frames: metadata?.frames,
            sampling: metadata?.sampling, pooling: metadata?.pooling.rawValue, labelCount: metadata?.labels.count,
            labels: metadata.map { Array($0.labels.prefix(labelSample)) }, shadowedBy: model.shadowedBy,
            error: model.error.map { ErrorRecord.Detail(code: $0.category.rawValue, exitCode: $0.exitCode, message: $0.commandLineMessage) })
    }
}
