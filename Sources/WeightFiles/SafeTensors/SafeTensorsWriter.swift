/// Writes tensors to a safetensors file, converting `Float` values to the requested storage type.
///
/// ```swift
/// try SafeTensorsWriter.write(
///     [NamedTensor(name: "head.weight", shape: [2, 3], values: weights)],
///     metadata: ["format": "vidclass-bundle/1"], storage: .float16, to: "model.safetensors", overwrite: false)
/// ```
///
/// Layout: tensors appear in the data buffer in the order given, each right after the previous one; the JSON
/// header lists them in the same order, followed by `__metadata__` (keys sorted, omitted when empty), and is
/// padded with spaces to a multiple of 8 bytes so that the data buffer starts 8-byte aligned.
/// Cost: one pass over the values; output is streamed through a 1 MiB buffer.
public enum SafeTensorsWriter {
    /// Writes `tensors` (in the given order) and `metadata` to `path`, atomically.
    ///
    /// - Parameters:
    ///   - storage: `.float32`, `.float16` or `.bfloat16` (narrowing rounds to nearest, ties to even;
    ///     fp16 overflows to ±infinity). Other types are a programmer error.
    ///   - overwrite: replace an existing file (the CLI's `--force`); otherwise an existing file is an error.
    /// - Throws: `.exists` when refusing to overwrite, `.malformed` for duplicate or reserved tensor names,
    ///   `.io` when the file cannot be written. On any error no file is left at `path`.
    public static func write(
        _ tensors: [NamedTensor], metadata: [String: String], storage: ElementType, to path: String, overwrite: Bool
    ) throws(WeightFileError) {
        precondition([.float32, .float16, .bfloat16].contains(storage), "SafeTensorsWriter stores F32, F16 or BF16, not \(storage.rawValue)")
        try checkNames(tensors, path: path)
        let header = headerBytes(tensors, metadata: metadata, storage: storage)
        let file = try AtomicFileWriter(path: path, overwrite: overwrite)
        try file.append(littleEndian: UInt64(header.count))
        try file.append(header)
        for tensor in tensors {
            try file.append(encode(tensor.values, as: storage))
        }
        try file.commit()
    }

    private static func checkNames(_ tensors: [NamedTensor], path: String) throws(WeightFileError) {
        var seen = Set<String>()
        for tensor in tensors {
            guard tensor.name != SafeTensorsHeader.metadataKey else {
                throw WeightFileError(.malformed, "cannot write '\(path)': '__metadata__' is reserved and cannot name a tensor")
            }
            guard seen.insert(tensor.name).inserted else {
                throw WeightFileError(.malformed, "cannot write '\(path)': two tensors are named '\(tensor.name)'; names must be unique")
            }
        }
    }

    /// The UTF-8 JSON header, space-padded to a multiple of 8 bytes.
    static func headerBytes(_ tensors: [NamedTensor], metadata: [String: String], storage: ElementType) -> [UInt8] {
        var fields: [String] = []
        var offset = 0
        for tensor in tensors {
            let end = offset + tensor.values.count * storage.byteWidth
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append(
                "\(JSONText.quoted(tensor.name)):{\"dtype\":\"\(storage.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(JSONText.quoted($0.key)):\(JSONText.quoted($0.value))" }
            fields.append("\(JSONText.quoted(SafeTensorsHeader.metadataKey)):{\(pairs.joined(separator: ","))}")
        }
        var bytes = Array("{\(fields.joined(separator: ","))}".utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - bytes.count % 8) % 8))
        return bytes
    }

    /// The little-endian bytes of `values` in `storage` format.
    static func encode(_ values: [Float], as storage: ElementType) -> [UInt8] {
        switch storage {
        case .float16:
            return littleEndianBytes(values.map(HalfPrecision.float16Bits(from:)))
        case .bfloat16:
            return littleEndianBytes(values.map(HalfPrecision.bfloat16Bits(from:)))
        default:
            return littleEndianBytes(values.map(\.bitPattern))
        }
    }

    private static func littleEndianBytes<Value: FixedWidthInteger>(_ values: [Value]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }
}
