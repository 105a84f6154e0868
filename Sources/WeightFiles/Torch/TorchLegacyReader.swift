/// Reads PyTorch's legacy (pre-1.6, non-zip) `torch.save` format.
///
/// The file is a sequence of pickles followed by raw storages:
/// 1. the magic number `0x1950a86a20f9469cfc6c` (a pickled int),
/// 2. the protocol version `1001`,
/// 3. a system-info dict (`little_endian`, type sizes),
/// 4. the object itself — a state dict whose tensors are `_rebuild_tensor_v2` calls on storages named by
///    persistent ids `('storage', torch.FloatStorage, key, location, numel, view_metadata)`,
/// 5. the list of storage keys, in the order their data follows,
/// 6. for each key: the element count as a little-endian Int64, then the elements, little-endian.
///
/// The file is memory-mapped; tensors point into the mapping. Cost: parsing the pickles (linear in their size)
/// plus one 8-byte read per storage; no tensor data is read until ``StoredTensor/floats()``.
enum TorchLegacyReader {
    /// The magic number's little-endian bytes (a 10-byte `LONG1`).
    static let magic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]
    static let protocolVersion = 1001

    /// Parses a legacy checkpoint already in `storage`.
    static func read(_ storage: ByteStorage, path: String) throws(WeightFileError) -> TensorArchive {
        var reader = ByteReader(storage, path: path)
        guard case .bigInt(let magicBytes) = try PickleMachine.load(from: &reader).value, magicBytes == magic else {
            throw WeightFileError(.unknownFormat, "'\(path)' starts with a pickle but not PyTorch's magic number; it is not a torch.save file")
        }
        guard try PickleMachine.load(from: &reader).value.int == protocolVersion else {
            throw .malformed(path, "its legacy protocol version is not \(protocolVersion)")
        }
        if case .dict(let info) = try PickleMachine.load(from: &reader).value, case .bool(false) = info["little_endian"] {
            throw WeightFileError(
                .malformed, "'\(path)' was saved on a big-endian machine, which is not supported; re-save it on a little-endian one")
        }
        let (root, storages) = try PickleMachine.load(from: &reader)
        let references = try TorchStateDict.tensors(in: root, path: path)
        let regions = try storageRegions(&reader, storages: storages)
        let tensors = try TorchStateDict.storedTensors(references, storage: storage, path: path) { reference throws(WeightFileError) in
            guard let region = regions[reference.key] else {
                throw WeightFileError.malformed(path, "storage '\(reference.key)' is used by a tensor but has no data")
            }
            return region
        }
        return TensorArchive(tensors: tensors)
    }

    /// Reads the key list and walks the storages that follow it, returning each key's byte range.
    private static func storageRegions(
        _ reader: inout ByteReader, storages: [String: TorchStorageReference]
    ) throws(WeightFileError) -> [String: Range<Int>] {
        let path = reader.path
        guard let keys = try PickleMachine.load(from: &reader).value.elements?.compactMap(\.string) else {
            throw .malformed(path, "the storage key list is not a list of strings")
        }
        var regions: [String: Range<Int>] = [:]
        for key in keys {
            guard let storage = storages[key] else {
                throw .malformed(path, "storage '\(key)' has data but no tensor declares its type")
            }
            let count = try reader.read(Int64.self, "the size of storage '\(key)'")
            guard count == storage.elementCount else {
                throw .malformed(path, "storage '\(key)' holds \(count) elements but its tensors declare \(storage.elementCount)")
            }
            let (byteCount, overflow) = storage.elementCount.multipliedReportingOverflow(by: storage.elementType.byteWidth)
            guard !overflow else { throw .malformed(path, "storage '\(key)' is impossibly large") }
            regions[key] = try reader.take(byteCount, "the data of storage '\(key)'")
        }
        return regions
    }
}
