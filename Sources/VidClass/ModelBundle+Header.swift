import WeightFiles

extension ModelBundle {
    /// A bundle file's tensor table (memory-mapped, nothing decoded) and its metadata: all that can be known of a
    /// bundle without building its network. Cost: an `mmap` and a parse of the JSON header.
    static func readHeader(of path: String) throws(VidClassError) -> (archive: TensorArchive, metadata: BundleMetadata) {
        let archive: TensorArchive
        do {
            archive = try WeightFile.read(contentsOf: path)
        } catch {
            throw VidClassError(error)
        }
        return (archive, try BundleMetadata(strings: archive.metadata, path: path))
    }

    /// Whether the bundle in `archive` holds only a head: its metadata names a backbone by digest and it has no
    /// backbone tensors of its own (as `vidclass train` writes).
    static func isHeadOnly(_ archive: TensorArchive, metadata: BundleMetadata) -> Bool {
        metadata.backboneDigest != nil && !archive.names.contains { $0.hasPrefix(backbonePrefix) }
    }
}
