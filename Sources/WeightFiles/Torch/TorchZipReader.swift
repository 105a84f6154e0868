/// Reads PyTorch's zip format (the `torch.save` default since 1.6).
///
/// The archive (entries stored, not compressed) holds, under one top-level folder `<prefix>/`:
/// `data.pkl` — the pickled state dict, whose storages are persistent ids
/// `('storage', torch.FloatStorage, key, location, numel)`; `data/<key>` — each storage's raw little-endian
/// bytes; `version`; and, in newer files, `byteorder` (`little` or `big`).
///
/// The file is memory-mapped and tensors point straight into the stored entries. Cost: reading the central
/// directory and unpickling `data.pkl`; no tensor data is read until ``StoredTensor/floats()``.
enum TorchZipReader {
    /// Parses a zip checkpoint already in `storage`.
    static func read(_ storage: ByteStorage, path: String) throws(WeightFileError) -> TensorArchive {
        let zip = try ZipDirectory(storage, path: path)
        let pickleName = try pickleEntryName(zip, path: path)
        let prefix = String(pickleName.dropLast("data.pkl".count))
        if let byteOrder = zip.entries[prefix + "byteorder"],
            storage.bytes(in: byteOrder.dataRange).starts(with: Array("big".utf8))
        {
            throw WeightFileError(.malformed, "'\(path)' was saved big-endian, which is not supported; re-save it on a little-endian machine")
        }
        var reader = ByteReader(storage, path: path, range: try stored(zip.entries[pickleName]!, path: path))
        let (root, _) = try PickleMachine.load(from: &reader)
        let references = try TorchStateDict.tensors(in: root, path: path)
        let tensors = try TorchStateDict.storedTensors(references, storage: storage, path: path) { reference throws(WeightFileError) in
            guard let entry = zip.entries[prefix + "data/" + reference.key] else {
                throw WeightFileError.malformed(path, "storage '\(reference.key)' has no entry '\(prefix)data/\(reference.key)' in the archive")
            }
            let range = try stored(entry, path: path)
            let (needed, overflow) = reference.elementCount.multipliedReportingOverflow(by: reference.elementType.byteWidth)
            guard !overflow, needed <= range.count else {
                throw WeightFileError.truncated(path, reading: "storage '\(reference.key)'")
            }
            return range
        }
        return TensorArchive(tensors: tensors)
    }

    /// The name of the `data.pkl` entry directly inside the archive's top-level folder.
    private static func pickleEntryName(_ zip: ZipDirectory, path: String) throws(WeightFileError) -> String {
        let candidates = zip.entries.keys.filter { name in
            name.hasSuffix("/data.pkl") && name.dropLast("/data.pkl".count).allSatisfy { $0 != "/" }
        }
        guard let name = candidates.min() else {
            throw WeightFileError(
                .unknownFormat,
                "'\(path)' is a zip archive without a data.pkl entry, so not a PyTorch checkpoint; pass a file saved by torch.save, a .safetensors file or a pickle of numpy arrays"
            )
        }
        return name
    }

    /// The data range of a stored entry; compressed entries are an error.
    private static func stored(_ entry: ZipDirectory.Entry, path: String) throws(WeightFileError) -> Range<Int> {
        guard entry.method == 0 else {
            throw WeightFileError(
                .malformed,
                "zip entry '\(entry.name)' in '\(path)' is compressed (method \(entry.method)); PyTorch writes stored entries, so re-save the checkpoint with torch.save"
            )
        }
        return entry.dataRange
    }
}
