import Foundation

/// One bundle file in the model search path, as `vidclass models` lists it.
///
/// Described from the file's header alone (the safetensors JSON header and its `__metadata__`): no weight is
/// decoded, so listing costs a `mmap` and a header parse per file, plus one read of the file for its digest.
///
/// ```swift
/// for model in ModelSearchPath.current.installedModels() {
///     print(model.name, model.metadata?.labels.count ?? 0, model.error?.message ?? "")
/// }
/// ```
public struct InstalledModel: Sendable {
    /// What `--model` calls it: `imagenet`, `kinetics400`, or the file name for other bundles.
    public var name: String
    /// The file's path.
    public var path: String
    /// The search-path folder it was found in.
    public var folder: ModelSearchPath.Folder
    /// The file's size in bytes.
    public var byteCount: Int
    /// The SHA-256 of the file (as ``ModelBundle/fileDigest()``), when asked for and readable.
    public var sha256: String?
    /// The bundle's metadata (backbone, frames, labels …), nil when ``error`` says why it cannot be used.
    public var metadata: BundleMetadata?
    /// Whether the bundle holds only a head and borrows its backbone from an installed bundle (`vidclass train`).
    public var isHeadOnly: Bool
    /// The earlier file of the same name that `--model` uses instead of this one, if any.
    public var shadowedBy: String?
    /// Why the bundle cannot be loaded, as one sentence.
    public var error: VidClassError?

    /// Describes the bundle file at `path`, found in `folder`; failures become ``error``, never a throw.
    init(path: String, folder: ModelSearchPath.Folder, digest: Bool) {
        self.name = ModelBundle.modelName(forFileName: URL(fileURLWithPath: path).lastPathComponent)
        self.path = path
        self.folder = folder
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        self.byteCount = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        self.isHeadOnly = false
        do throws(VidClassError) {
            let (archive, metadata) = try ModelBundle.readHeader(of: path)
            self.metadata = metadata
            self.isHeadOnly = ModelBundle.isHeadOnly(archive, metadata: metadata)
            if digest { self.sha256 = try ModelBundle.fileDigest(ofFileAt: path) }
        } catch {
            self.error = error
        }
    }
}
