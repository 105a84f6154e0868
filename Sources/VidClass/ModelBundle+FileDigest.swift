import Foundation

extension ModelBundle {
    /// The SHA-256 of the bundle file's bytes, as `sha256sum` prints it: one name for exactly these weights,
    /// labels and metadata, whatever path or `--model` name reached them.
    ///
    /// ```swift
    /// let bundle = try ModelBundle(modelArgument: nil)
    /// try bundle.fileDigest()   // "3f2a…" (64 hexadecimal digits)
    /// ```
    ///
    /// Batches record it in their output's run header, so `--resume` never mixes two models' results. Cost: one
    /// read of the file in 1 MiB pieces, about 50 ms for the 9 MB default bundle.
    public func fileDigest() throws(VidClassError) -> String {
        try Self.fileDigest(ofFileAt: path)
    }

    /// The SHA-256 of the file at `path`, as `sha256sum` prints it (what ``fileDigest()`` returns for a bundle
    /// loaded from there), without loading it.
    public static func fileDigest(ofFileAt path: String) throws(VidClassError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw VidClassError(.io, "\(path) could not be opened to compute its digest; check it still exists and is readable.")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(Array(chunk))
            }
        } catch {
            throw VidClassError(.io, "\(path) could not be read to compute its digest: \(error.localizedDescription).")
        }
        return hasher.finalize()
    }
}
