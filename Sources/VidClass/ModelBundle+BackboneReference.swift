import Foundation
import WeightFiles

extension ModelBundle {
    /// Where the backbone tensors of the bundle in `archive` are: the archive itself when it embeds them, or — for
    /// a head-only bundle, whose metadata names the backbone by architecture and `backbone.sha256` — the bundle of
    /// that architecture installed in `searchPath` (the default one, or the Kinetics-400 I3D), provided its digest
    /// matches.
    ///
    /// Head-only bundles keep trained heads small (a 1280 × classes matrix instead of 9 MB of backbone) and still
    /// guarantee the head runs on the exact features it was trained on: a different backbone is an error, never a
    /// silent mismatch.
    static func backboneWeights(
        in archive: TensorArchive, metadata: BundleMetadata, path: String, searchPath: ModelSearchPath
    ) throws(VidClassError) -> TensorArchive {
        guard isHeadOnly(archive, metadata: metadata), let digest = metadata.backboneDigest else { return archive }
        let defaultPath = try ModelBundle.installedPath(for: metadata.architecture, in: searchPath)
        let defaults: TensorArchive
        do {
            defaults = try WeightFile.read(contentsOf: defaultPath)
        } catch {
            throw VidClassError(error)
        }
        let defaultArchitecture = defaults.metadata["backbone"] ?? "unknown"
        guard defaultArchitecture == metadata.architecture.rawValue, BackboneDigest.of(defaults) == digest else {
            throw VidClassError(.badData, "\(path) was trained on a \(metadata.architecture.rawValue) backbone with digest \(digest.prefix(12))…, which the installed model \(defaultPath) does not have; use the model it was trained with (VIDCLASS_MODELS) or train it again.")
        }
        return defaults
    }
}
