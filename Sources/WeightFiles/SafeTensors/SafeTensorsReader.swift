import Foundation

/// Reads safetensors files by memory-mapping them; tensors point straight into the mapping.
///
/// Opening validates everything up front so that decoding can never fail later: the header length against the
/// file size, every dtype, every shape against its byte range, and that the byte ranges tile the data buffer
/// exactly (no overlaps, no gaps, no trailing bytes), as the reference implementation requires.
/// Cost: one `mmap` plus parsing the JSON header; no tensor data is touched.
enum SafeTensorsReader {
    /// Reads the safetensors file at `path`.
    static func read(contentsOf path: String) throws(WeightFileError) -> TensorArchive {
        try read(ByteStorage(mappingFileAt: path), path: path)
    }

    /// Parses a safetensors image already in `storage`.
    static func read(_ storage: ByteStorage, path: String) throws(WeightFileError) -> TensorArchive {
        var reader = ByteReader(storage, path: path)
        let declaredLength = try reader.read(UInt64.self, "the safetensors header length")
        guard declaredLength <= UInt64(SafeTensorsHeader.maximumLength) else {
            throw .malformed(path, "the safetensors header claims \(declaredLength) bytes, more than the 100 MB limit")
        }
        let headerRange = try reader.take(Int(declaredLength), "the safetensors JSON header")
        let header = try decodeHeader(storage.bytes(in: headerRange), path: path)
        let dataStart = headerRange.upperBound
        let dataLength = storage.count - dataStart

        var tensors: [String: StoredTensor] = [:]
        var ranges: [(range: Range<Int>, name: String)] = []
        for (name, entry) in header.entries {
            let (tensor, range) = try makeTensor(name, entry, storage: storage, dataStart: dataStart, dataLength: dataLength, path: path)
            tensors[name] = tensor
            ranges.append((range, name))
        }
        try checkTiling(ranges, dataLength: dataLength, path: path)
        return TensorArchive(tensors: tensors, metadata: header.metadata)
    }

    private static func decodeHeader(_ bytes: [UInt8], path: String) throws(WeightFileError) -> SafeTensorsHeader {
        do {
            return try JSONDecoder().decode(SafeTensorsHeader.self, from: Data(bytes))
        } catch {
            throw .malformed(path, "the safetensors header is not the expected JSON (\(Self.summary(of: error)))")
        }
    }

    private static func makeTensor(
        _ name: String, _ entry: SafeTensorsHeader.Entry, storage: ByteStorage, dataStart: Int, dataLength: Int, path: String
    ) throws(WeightFileError) -> (StoredTensor, Range<Int>) {
        guard let elementType = ElementType(rawValue: entry.dtype) else {
            throw .malformed(path, "tensor '\(name)' has unsupported dtype '\(entry.dtype)' (supported: F32, F16, BF16, F64, I64, I32, U8, BOOL)")
        }
        guard entry.dataOffsets.count == 2, entry.dataOffsets[0] >= 0, entry.dataOffsets[0] <= entry.dataOffsets[1] else {
            throw .malformed(path, "tensor '\(name)' has data_offsets \(entry.dataOffsets), expected [begin, end] with begin ≤ end")
        }
        guard let count = TensorShape.elementCount(entry.shape) else {
            throw .malformed(path, "tensor '\(name)' has shape \(entry.shape), which has a negative or impossibly large dimension")
        }
        guard
            case (let byteCount, let overflow) = count.multipliedReportingOverflow(by: elementType.byteWidth), !overflow,
            byteCount == entry.dataOffsets[1] - entry.dataOffsets[0]
        else {
            throw .malformed(
                path,
                "tensor '\(name)' has shape \(entry.shape) of \(entry.dtype), which does not match its \(entry.dataOffsets[1] - entry.dataOffsets[0]) data bytes"
            )
        }
        guard entry.dataOffsets[1] <= dataLength else {
            throw .truncated(path, reading: "the data of tensor '\(name)'")
        }
        let range = entry.dataOffsets[0]..<entry.dataOffsets[1]
        let region = (dataStart + range.lowerBound)..<(dataStart + range.upperBound)
        let tensor = try StoredTensor(name: name, path: path, storage: storage, region: region, elementType: elementType, shape: entry.shape)
        return (tensor, range)
    }

    /// Requires the tensors' byte ranges, sorted, to cover `0..<dataLength` exactly once.
    private static func checkTiling(_ ranges: [(range: Range<Int>, name: String)], dataLength: Int, path: String) throws(WeightFileError) {
        var covered = 0
        for (range, name) in ranges.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            if range.lowerBound < covered {
                throw .malformed(path, "the data of tensor '\(name)' overlaps another tensor's")
            }
            if range.lowerBound > covered {
                throw .malformed(path, "there are unclaimed bytes before the data of tensor '\(name)'")
            }
            covered = range.upperBound
        }
        guard covered == dataLength else {
            throw .malformed(path, "\(dataLength - covered) bytes after the last tensor belong to no tensor")
        }
    }

    private static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "at \(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
