extension StoredTensor {
    /// Decodes the tensor to `Float`, row-major and contiguous, whatever its element type and layout.
    ///
    /// fp16, bf16 and integers widen exactly (integers beyond 2²⁴ round to the nearest `Float`); float64 narrows
    /// to the nearest `Float`; `bool` gives 0 or 1. Strided views (transposes, slices, storage offsets) are
    /// gathered into a fresh row-major array.
    ///
    /// Cost: one pass over the elements, O(``elementCount``) time and one array allocation; a contiguous
    /// float32 tensor is a single memory copy. The first call on a memory-mapped file also pages its bytes in.
    public func floats() -> [Float] {
        switch elementType {
        case .float32 where isContiguous: copiedFloat32s()
        case .float32: gather(UInt32.self) { Float(bitPattern: $0) }
        case .float16: gather(UInt16.self) { HalfPrecision.float(fromFloat16Bits: $0) }
        case .bfloat16: gather(UInt16.self) { HalfPrecision.float(fromBFloat16Bits: $0) }
        case .float64: gather(UInt64.self) { Float(Double(bitPattern: $0)) }
        case .int64: gather(Int64.self) { Float($0) }
        case .int32: gather(Int32.self) { Float($0) }
        case .uint8: gather(UInt8.self) { Float($0) }
        case .bool: gather(UInt8.self) { $0 == 0 ? 0 : 1 }
        }
    }

    /// Decodes an integer tensor (`I64`, `I32`, `U8`, `BOOL`) exactly, row-major; float tensors are truncated
    /// toward zero (NaN and values outside `Int64` give 0). Useful for counters such as BatchNorm's
    /// `num_batches_tracked`. Cost: one pass, like ``floats()``.
    public func integers() -> [Int64] {
        switch elementType {
        case .int64: gather(Int64.self) { $0 }
        case .int32: gather(Int32.self) { Int64($0) }
        case .uint8, .bool: gather(UInt8.self) { Int64($0) }
        default: floats().map { $0.isFinite ? Int64(exactly: $0.rounded(.towardZero)) ?? 0 : 0 }
        }
    }

    /// A contiguous float32 tensor, copied with one `memcpy` (the file's little-endian layout is the host's).
    private func copiedFloat32s() -> [Float] {
        let count = elementCount
        #if _endian(little)
            return storage.withBytes(in: byteOffset..<(byteOffset + count * 4)) { bytes in
                [Float](unsafeUninitializedCapacity: count) { output, initialised in
                    UnsafeMutableRawBufferPointer(output).copyMemory(from: bytes)
                    initialised = count
                }
            }
        #else
            return gather(UInt32.self) { Float(bitPattern: $0) }
        #endif
    }

    /// Loads every element as the little-endian integer `Raw` and converts it, in row-major order.
    private func gather<Raw: FixedWidthInteger, Output>(_: Raw.Type, _ convert: (Raw) -> Output) -> [Output] {
        let count = elementCount
        guard count > 0 else { return [] }
        let width = MemoryLayout<Raw>.size
        let span = (Self.lastOffset(shape: shape, strides: strides) + 1) * width
        return storage.withBytes(in: byteOffset..<(byteOffset + span)) { bytes in
            [Output](unsafeUninitializedCapacity: count) { output, initialised in
                if isContiguous {
                    for index in 0..<count {
                        output[index] = convert(Raw(littleEndian: bytes.loadUnaligned(fromByteOffset: index * width, as: Raw.self)))
                    }
                } else {
                    var index = 0
                    forEachElementOffset { offset in
                        output[index] = convert(Raw(littleEndian: bytes.loadUnaligned(fromByteOffset: offset * width, as: Raw.self)))
                        index += 1
                    }
                }
                initialised = count
            }
        }
    }

    /// Calls `body` with the element offset (relative to the first element) of every element, in row-major order.
    ///
    /// An odometer over the indices: the innermost dimension advances by its stride, and carrying into an outer
    /// dimension rewinds the inner ones.
    private func forEachElementOffset(_ body: (Int) -> Void) {
        let rank = shape.count
        guard rank > 0 else {
            body(0)
            return
        }
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        let innerSize = shape[rank - 1]
        let innerStride = strides[rank - 1]
        while true {
            for inner in 0..<innerSize {
                body(offset + inner * innerStride)
            }
            var dimension = rank - 2
            while dimension >= 0 {
                index[dimension] += 1
                offset += strides[dimension]
                if index[dimension] < shape[dimension] { break }
                offset -= strides[dimension] * shape[dimension]
                index[dimension] = 0
                dimension -= 1
            }
            if dimension < 0 { return }
        }
    }

    /// The largest element offset a non-empty view addresses (validated against the storage at init).
    private static func lastOffset(shape: [Int], strides: [Int]) -> Int {
        zip(shape, strides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
    }
}
