import WeightFiles

/// Writes a whole file at once, so readers and crashes see the old state or the new file, never half of it.
///
/// ```swift
/// try AtomicFile.write(Array(json.utf8), to: "results.shard-1-of-4.done", overwrite: true)
/// ```
///
/// The bytes go to a hidden temporary file beside `path`, are forced to disk, then moved into place: without
/// `overwrite` by `link(2)`, which fails when `path` appeared meanwhile, so an existing file is never replaced.
/// Cost: one `fsync`.
public enum AtomicFile {
    /// Writes `bytes` to `path`.
    /// - Throws: ``VidClassError`` `.cannotCreate` when `path` exists and `overwrite` is false, `.io` when the
    ///   file cannot be written.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(VidClassError) {
        do {
            let file = try AtomicFileWriter(path: path, overwrite: overwrite)
            try file.append(bytes)
            try file.commit()
        } catch {
            throw VidClassError(error)
        }
    }
}
