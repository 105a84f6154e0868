/// Small files written all-or-nothing, for the metadata that travels beside an array (a features sidecar).
///
/// ```swift
/// try AtomicFile.write(Array(json.utf8), to: "emb.npy.json", overwrite: false)
/// ```
///
/// The same guarantees as the array writers: a hidden temporary file, `fsync`, then a move into place that never
/// replaces an existing file unless `overwrite` is set.
public enum AtomicFile {
    /// Writes `bytes` to `path`.
    /// - Throws: `.exists` when `path` exists and `overwrite` is false; `.io` when writing fails.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(WeightFileError) {
        let file = try AtomicFileWriter(path: path, overwrite: overwrite)
        try file.append(bytes)
        try file.commit()
    }
}
