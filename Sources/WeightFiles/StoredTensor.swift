/// One named tensor inside a weight file: its shape, element type and where its bytes are.
///
/// The bytes stay where the reader found them (memory-mapped, or owned by a storage object shared with the
/// archive), so holding a `StoredTensor` is cheap and copying one copies no data. Call ``floats()`` to decode it
/// into a contiguous row-major `[Float]`.
///
/// PyTorch tensors may be *views*: a storage offset plus per-dimension strides into a larger storage (a
/// transposed weight, a slice, two parameters sharing one storage). ``strides`` records that layout and
/// ``floats()`` materialises it. Readers validate every view against its storage when the file is opened,
/// so decoding never fails and never reads out of bounds.
///
/// ```swift
/// let weight = try archive.tensor("_fc.weight", shape: [1000, 1280])
/// let values = weight.floats()   // 1_280_000 Floats, row-major
/// ```
public struct StoredTensor: Sendable {
    /// The size of each dimension, outermost first; `[]` for a scalar.
    public let shape: [Int]
    /// How each element is encoded in the file.
    public let elementType: ElementType
    /// The distance, in elements, between neighbours along each dimension (row-major contiguous for safetensors).
    public let strides: [Int]
    /// The storage holding the bytes.
    let storage: ByteStorage
    /// The byte offset in `storage` of the element at index `[0, 0, …]`.
    let byteOffset: Int

    /// The number of elements: the product of ``shape`` (1 for a scalar, 0 if any dimension is 0).
    public var elementCount: Int { TensorShape.elementCount(shape) ?? 0 }

    /// Whether the elements are laid out row-major with no gaps, so decoding is a straight scan.
    ///
    /// As in PyTorch, the strides of dimensions of size 1 do not matter (a `[1280, 320, 1, 1]` weight saved
    /// channels-last is still contiguous).
    public var isContiguous: Bool {
        var expected = 1
        for (size, stride) in zip(shape, strides).reversed() where size != 1 {
            if size == 0 { return true }
            if stride != expected { return false }
            expected *= size
        }
        return true
    }

    /// Creates an in-memory float32 tensor, e.g. to build an archive in a test or a converter.
    ///
    /// - Precondition: `values.count` equals the product of `shape` and no dimension is negative.
    public init(shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "tensor shape \(shape) has a negative dimension")
        precondition(values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.elementType = .float32
        self.strides = Self.contiguousStrides(for: shape)
        self.storage = ByteStorage(floats: values)
        self.byteOffset = 0
    }

    /// Creates a view into `storage`, checking that every element it can address lies inside `region`.
    ///
    /// - Parameters:
    ///   - region: the bytes that belong to this tensor's storage (a safetensors data range, a torch storage).
    ///   - elementOffset: the index, in elements from `region.lowerBound`, of the tensor's first element.
    /// - Throws: `.malformed` naming `name` when the shape, strides or offset reach outside `region`.
    init(
        name: String, path: String, storage: ByteStorage, region: Range<Int>, elementType: ElementType,
        shape: [Int], strides: [Int]? = nil, elementOffset: Int = 0
    ) throws(WeightFileError) {
        guard TensorShape.elementCount(shape) != nil else {
            throw .malformed(path, "tensor '\(name)' has shape \(shape), which has a negative or impossibly large dimension")
        }
        let strides = strides ?? Self.contiguousStrides(for: shape)
        guard strides.count == shape.count else {
            throw .malformed(path, "tensor '\(name)' has \(shape.count) dimensions but \(strides.count) strides")
        }
        guard shape.allSatisfy({ $0 >= 0 }), strides.allSatisfy({ $0 >= 0 }), elementOffset >= 0 else {
            throw .malformed(path, "tensor '\(name)' has a negative size, stride or offset")
        }
        guard region.lowerBound >= 0, region.upperBound <= storage.count else {
            throw .truncated(path, reading: "the data of tensor '\(name)'")
        }
        let width = elementType.byteWidth
        if let lastElement = Self.lastElementIndex(shape: shape, strides: strides, offset: elementOffset) {
            let (lastByte, overflow) = lastElement.multipliedReportingOverflow(by: width)
            guard !overflow, lastByte + width <= region.count else {
                throw .malformed(path, "tensor '\(name)' with shape \(shape) reaches past the end of its storage")
            }
            // A view never has more elements than its storage, which bounds what floats() allocates by the file size.
            guard let count = TensorShape.elementCount(shape), count <= region.count / width else {
                throw .malformed(path, "tensor '\(name)' with shape \(shape) has more elements than its storage")
            }
        }
        self.shape = shape
        self.elementType = elementType
        self.strides = strides
        self.storage = storage
        self.byteOffset = region.lowerBound + elementOffset * elementType.byteWidth
    }

    /// Row-major strides for `shape`: the last dimension has stride 1.
    static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for dimension in shape.indices.reversed() {
            strides[dimension] = step
            step *= max(shape[dimension], 1)
        }
        return strides
    }

    /// The largest element index the view addresses, or nil when it has no elements.
    /// Arithmetic that would overflow saturates to a value no storage region can contain.
    private static func lastElementIndex(shape: [Int], strides: [Int], offset: Int) -> Int? {
        guard !shape.contains(0) else { return nil }
        var last = offset
        for (size, stride) in zip(shape, strides) {
            let (reach, overflow) = (size - 1).multipliedReportingOverflow(by: stride)
            let (sum, sumOverflow) = last.addingReportingOverflow(reach)
            guard !overflow, !sumOverflow else { return Int.max / 16 }
            last = sum
        }
        return last
    }
}
