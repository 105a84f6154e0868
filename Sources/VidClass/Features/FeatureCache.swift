import Foundation
import ModelCore
import WeightFiles

/// An on-disk cache of per-frame backbone features, one small safetensors file per (video, sampling, backbone).
///
/// ```swift
/// let cache = FeatureCache(directory: FeatureCache.defaultDirectory())
/// ```
///
/// An entry's key is the file's identity (absolute path, size and modification time), the sampling and seek
/// mode, the backbone architecture and weights digest, and the preprocessing; the file name is the SHA-256 of
/// that key, and the key itself is stored inside the entry and checked on read. Touching, replacing or editing a
/// video changes its size or mtime and so misses the cache. An unreadable, truncated or mismatching entry counts
/// as a miss and is rewritten; writes are atomic (temporary file, then rename), so concurrent runs at worst
/// compute an entry twice. Entries are never evicted: delete the folder to reclaim the space (about 5 KB per
/// frame for d = 1280).
public struct FeatureCache: Sendable, Equatable {
    /// The folder holding the entries; created on first write.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache folder to use when none is given: `$VIDCLASS_CACHE`, else `$XDG_CACHE_HOME/vidclass`, else
    /// `~/.cache/vidclass`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["VIDCLASS_CACHE"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/vidclass" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/vidclass"
    }

    /// The key of a video file's entry, or `nil` when the file cannot be identified (then nothing is cached).
    static func key(path: String, configuration: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: absolute),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return "vidclass-features/1|\(absolute)|\(size)|\(modified.timeIntervalSince1970)|\(configuration)"
    }

    /// The stored features of `key`, or `nil` on a miss (absent, corrupt, or written for another key).
    func load(key: String) -> FrameFeatures? {
        guard let archive = try? WeightFile.read(contentsOf: entryPath(key)), archive.metadata["key"] == key,
            let stored = archive["features"], stored.shape.count == 2,
            let frames = try? JSONDecoder().decode([FrameFeatures.Frame].self, from: Data((archive.metadata["frames"] ?? "").utf8)),
            frames.count == stored.shape[0]
        else { return nil }
        return FrameFeatures(features: Tensor(shape: stored.shape, values: stored.floats()), frames: frames, fromCache: true)
    }

    /// Stores `features` under `key`, replacing whatever entry was there.
    /// - Throws: `VidClassError` (`.io`) when the folder or the file cannot be written.
    func store(_ features: FrameFeatures, key: String) throws(VidClassError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw VidClassError(.io, "Cannot create the feature cache folder \(directory); pass --cache DIR with a writable folder.")
        }
        let frames = (try? JSONEncoder().encode(features.frames)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        do {
            try SafeTensorsWriter.write(
                [NamedTensor(name: "features", shape: features.features.shape, values: features.features.values)],
                metadata: ["key": key, "frames": frames], storage: .float32, to: entryPath(key), overwrite: true)
        } catch {
            throw VidClassError(.io, "Cannot write to the feature cache \(directory) (\(error.message)); pass --cache DIR with a writable folder.")
        }
    }

    private func entryPath(_ key: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(key.utf8))
        return directory + "/" + hasher.finalize() + ".safetensors"
    }
}
