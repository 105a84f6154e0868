/// Reads `.npy` arrays (NumPy's own file format) as `Float`, e.g. golden outputs made by a Python script.
///
/// ```swift
/// let (shape, values) = try NumpyReader.read(contentsOf: "logits.npy")
/// ```
///
/// Accepts format versions 1.0, 2.0 and 3.0; element types little-endian `<f4`, `<f2`, `<f8`, `<i8`, `<i4`,
/// `|u1` and `|b1` (all widened or narrowed to `Float` like ``StoredTensor/floats()``); C (row-major) order only.
/// Cost: the file is memory-mapped and decoded in one pass into a new array.
public enum NumpyReader {
    /// Reads the array at `path`.
    ///
    /// - Throws: `.notFound`/`.unreadable`; `.unknownFormat` without the `\x93NUMPY` magic; `.truncated` when the
    ///   data is shorter than the shape needs; `.malformed` for a bad header, an unsupported dtype or
    ///   Fortran order (save with `np.ascontiguousarray` first).
    public static func read(contentsOf path: String) throws(WeightFileError) -> (shape: [Int], values: [Float]) {
        let storage = try ByteStorage(mappingFileAt: path)
        var reader = ByteReader(storage, path: path)
        guard storage.count >= 8, storage.bytes(in: 0..<6) == NumpyHeader.magic else {
            throw WeightFileError(.unknownFormat, "'\(path)' is not a .npy file (it lacks the \\x93NUMPY magic); save the array with numpy.save")
        }
        _ = try reader.take(6, "the .npy magic")
        let major = try reader.readByte("the .npy version")
        _ = try reader.readByte("the .npy version")
        let headerLength: Int
        switch major {
        case 1: headerLength = Int(try reader.read(UInt16.self, "the .npy header length"))
        case 2, 3: headerLength = Int(try reader.read(UInt32.self, "the .npy header length"))
        default: throw WeightFileError(.malformed, "'\(path)' is .npy format version \(major), which is not supported (1, 2 and 3 are)")
        }
        let header = try NumpyHeader(literal: reader.readUTF8(headerLength, "the .npy header"), path: path)
        guard !header.fortranOrder else {
            throw WeightFileError(.malformed, "'\(path)' stores its array in Fortran order; save np.ascontiguousarray(array) instead")
        }
        guard let order = header.descriptor.first, order == "<" || order == "|",
            let elementType = ElementType(numpyTypeCode: header.descriptor.dropFirst())
        else {
            throw WeightFileError(.malformed, "'\(path)' holds dtype '\(header.descriptor)', which is not supported; save it as '<f4'")
        }
        guard let count = TensorShape.elementCount(header.shape),
            case (let byteCount, let overflow) = count.multipliedReportingOverflow(by: elementType.byteWidth), !overflow
        else {
            throw WeightFileError(.malformed, "'\(path)' declares an impossibly large shape \(header.shape)")
        }
        let region = try reader.take(byteCount, "the .npy data")
        let tensor = try StoredTensor(name: "array", path: path, storage: storage, region: region, elementType: elementType, shape: header.shape)
        return (header.shape, tensor.floats())
    }
}
