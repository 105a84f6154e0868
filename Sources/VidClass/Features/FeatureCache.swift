import Foundation
import FrameSampling
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
/// video changes its size or mtime and so misses the cache. Entries are validated on read (see
/// ``load(key:backboneDigest:featureDimension:)``): a bad one is reported, ignored and rewritten; writes are atomic (temporary file, then rename), so concurrent runs at worst
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
        return "vidclass-features/2|\(absolute)|\(size)|\(modified.timeIntervalSince1970)|\(configuration)"
    }

    /// What looking up an entry found.
    enum Lookup {
        /// A valid entry.
        case hit(FrameFeatures)
        /// No entry.
        case miss
        /// An entry that fails validation, and why; it is to be computed again and replaced.
        case invalid(String)
    }

    /// The stored features of `key`, validated against everything the entry claims and everything the caller
    /// knows: the key and backbone digest it was written for, its shape (`[frames, featureDimension]`, frames
    /// matching its frame list), finite values and timestamps, and the SHA-256 of its values. The entry is a
    /// file anyone could have edited, so nothing in it is trusted before these checks pass.
    func load(key: String, backboneDigest: String, featureDimension: Int) -> Lookup {
        let path = entryPath(key)
        guard FileManager.default.fileExists(atPath: path) else { return .miss }
        let archive: TensorArchive
        do {
            archive = try WeightFile.read(contentsOf: path)
        } catch {
            return .invalid(error.message)
        }
        guard archive.metadata["key"] == key else { return .invalid("it was written for another video or configuration") }
        guard archive.metadata["backbone"] == backboneDigest else { return .invalid("it was written by another backbone") }
        guard let stored = archive["features"], stored.shape.count == 2, stored.shape[1] == featureDimension,
            (1...FrameSampler.maximumFrames).contains(stored.shape[0])
        else {
            let shape = archive["features"].map { "\($0.shape)" } ?? "none"
            return .invalid("its features have shape \(shape), not [1…\(FrameSampler.maximumFrames), \(featureDimension)]")
        }
        guard let frames = try? JSONDecoder().decode([FrameFeatures.Frame].self, from: Data((archive.metadata["frames"] ?? "").utf8)),
            frames.count == stored.shape[0], frames.allSatisfy({ $0.index >= 0 && $0.timestamp.isFinite })
        else { return .invalid("its frame list is missing, malformed or does not match its \(stored.shape[0]) rows") }
        let values = stored.floats()
        guard values.allSatisfy(\.isFinite) else { return .invalid("its features are not all finite numbers") }
        guard archive.metadata["sha256"] == Self.checksum(values) else { return .invalid("its checksum does not match its features") }
        return .hit(FrameFeatures(features: Tensor(shape: stored.shape, values: values), frames: frames, fromCache: true))
    }

    /// The SHA-256 of `values` as little-endian float32 bytes, in hexadecimal.
    static func checksum(_ values: [Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values {
            let bits = value.bitPattern
            bytes += [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24)]
        }
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Stores `features` under `key`, replacing whatever entry was there.
    /// - Throws: `VidClassError` (`.io`) when the folder or the file cannot be written.
    func store(_ features: FrameFeatures, key: String, backboneDigest: String) throws(VidClassError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw VidClassError(.io, "Cannot create the feature cache folder \(directory)", suggestion: .chooseWritableCache)
        }
        let frames = (try? JSONEncoder().encode(features.frames)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        do {
            try SafeTensorsWriter.write(
                [NamedTensor(name: "features", shape: features.features.shape, values: features.features.values)],
                metadata: ["key": key, "backbone": backboneDigest, "frames": frames, "sha256": Self.checksum(features.features.values)],
                storage: .float32, to: entryPath(key), overwrite: true)
        } catch {
            throw VidClassError(.io, "Cannot write to the feature cache \(directory) (\(error.message))", suggestion: .chooseWritableCache)
        }
    }

    private func entryPath(_ key: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(key.utf8))
        return directory + "/" + hasher.finalize() + ".safetensors"
    }
}
