/// Overflow-safe sizes of tensor shapes that come from files.
///
/// A shape read from a safetensors header, a `.npy` header, a pickle or a cache entry is untrusted: `[0, 2^62,
/// 2^62]` has zero elements, yet computing its strides or multiplying it out in another order traps. Every
/// reader checks a shape here before using it, and a shape passes only if *every* product formed from it is
/// safe: the product of its dimensions with zeros counted as 1 (what row-major strides multiply), times the
/// widest element type (8 bytes), fits in `Int`.
///
/// ```swift
/// guard let count = TensorShape.elementCount([3, 224, 224]) else { throw … }   // 150_528
/// TensorShape.elementCount([0, 1 << 62, 1 << 62])                             // nil
/// ```
public enum TensorShape {
    /// The widest element type any reader decodes, in bytes; byte counts of accepted shapes cannot overflow.
    static let widestElement = 8

    /// The number of elements of `shape` (1 for a scalar, 0 if a dimension is 0), or nil when a dimension is
    /// negative or the shape is too large to address (see the type's discussion).
    public static func elementCount(_ shape: [Int]) -> Int? {
        var addressable = widestElement
        var count = 1
        for size in shape {
            guard size >= 0 else { return nil }
            let (next, overflow) = addressable.multipliedReportingOverflow(by: max(size, 1))
            guard !overflow else { return nil }
            addressable = next
            count *= size
        }
        return count
    }

    /// The bytes `shape` occupies at `elementWidth` bytes per element (at most 8), or nil as for
    /// ``elementCount(_:)``.
    public static func byteCount(_ shape: [Int], elementWidth: Int) -> Int? {
        precondition((1...widestElement).contains(elementWidth), "element width \(elementWidth) is not 1 to 8 bytes")
        return elementCount(shape).map { $0 * elementWidth }
    }
}
