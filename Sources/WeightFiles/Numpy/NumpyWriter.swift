/// Writes `.npy` files that NumPy reads as is: format 1.0, little-endian `<f4`, C order.
///
/// ```swift
/// try NumpyWriter.write(shape: [16, 1280], values: features, to: "features.npy", overwrite: false)
/// // Python: np.load("features.npy").shape == (16, 1280)
/// ```
///
/// The header is padded with spaces so the data starts on a 64-byte boundary, as NumPy itself does.
/// The file is written atomically (temporary file, then rename). Cost: one pass over the values.
public enum NumpyWriter {
    /// Writes `values` (row-major, `values.count` = product of `shape`) to `path`.
    ///
    /// - Throws: `.exists` when `path` exists and `overwrite` is false; `.io` when writing fails.
    public static func write(shape: [Int], values: [Float], to path: String, overwrite: Bool) throws(WeightFileError) {
        precondition(shape.allSatisfy { $0 >= 0 } && values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
        let file = try AtomicFileWriter(path: path, overwrite: overwrite)
        try file.append(bytes(shape: shape, values: values))
        try file.commit()
    }

    /// The whole `.npy` file for `values` in `shape`, in memory (for a reply over the network, say); the same
    /// bytes ``write(shape:values:to:overwrite:)`` writes. Cost: one copy of the values.
    public static func bytes(shape: [Int], values: [Float]) -> [UInt8] {
        precondition(shape.allSatisfy { $0 >= 0 } && values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
        let literal = NumpyHeader(descriptor: "<f4", fortranOrder: false, shape: shape).literal
        // magic (6) + version (2) + length (2) + literal + padding + newline ≡ 0 (mod 64)
        let unpadded = 10 + literal.utf8.count + 1
        let padding = (64 - unpadded % 64) % 64
        let header = literal + String(repeating: " ", count: padding) + "\n"
        let length = UInt16(header.utf8.count)
        return NumpyHeader.magic + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)] + Array(header.utf8)
            + values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Array($0) }
    }
}
