import Foundation
import Testing

@testable import WeightFiles

/// Every element type decodes to the right `Float`s, and views of views land on the right elements.
@Suite struct ElementDecodingTests {
    /// A safetensors image with one tensor of `dtype` holding `data`.
    static func safetensors(dtype: String, shape: [Int], data: [UInt8]) -> ByteStorage {
        var header = Array(#"{"t":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":[0,\#(data.count)]}}"#.utf8)
        header += repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        return ByteStorage(copying: withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header + data)
    }

    static func littleEndian<Value: FixedWidthInteger>(_ values: [Value]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    @Test(
        arguments: [
            ("F64", [2], littleEndian([Double(1.5).bitPattern, Double(-1e-300).bitPattern]), [Float(1.5), -0.0]),
            ("I64", [3], littleEndian([Int64(-7), 1 << 40, 0]), [-7, 1_099_511_627_776, 0]),
            ("I32", [2], littleEndian([Int32(-2), Int32.max]), [-2, 2_147_483_648]),
            ("U8", [3], [0, 128, 255], [0, 128, 255]),
            ("BOOL", [3], [0, 1, 1], [0, 1, 1]),
            ("BF16", [2], littleEndian([UInt16(0x3FC0), 0xC2F7]), [1.5, -123.5]),
            ("F16", [2], littleEndian([UInt16(0x0001), 0xFC00]), [0x1p-24, -.infinity]),
        ] as [(String, [Int], [UInt8], [Float])])
    func everyElementTypeDecodes(_ dtype: String, _ shape: [Int], _ data: [UInt8], _ want: [Float]) throws {
        let archive = try WeightFile.read(Self.safetensors(dtype: dtype, shape: shape, data: data), path: "\(dtype).safetensors")
        let tensor = try archive.tensor("t", shape: shape)
        #expect(tensor.elementType.rawValue == dtype)
        #expect(tensor.floats().map(\.bitPattern) == want.map(\.bitPattern))
    }

    @Test func integersAreExact() throws {
        let big: Int64 = (1 << 53) + 1  // not representable as Float
        let archive = try WeightFile.read(Self.safetensors(dtype: "I64", shape: [2], data: Self.littleEndian([big, -3])), path: "i64")
        #expect(archive["t"]?.integers() == [big, -3])
    }

    @Test func legacyStorageViewAddsItsOffset() throws {
        // 'sliced' is a stride-2 tensor at offset 1 of a view starting at element 4 of s[i] = 0.25·i − 1.5.
        let archive = try WeightFile.read(contentsOf: try Fixture.path("tiny-legacy-storage-view.pth"))
        let sliced = try archive.tensor("sliced", shape: [3])
        #expect(sliced.strides == [2])
        #expect(sliced.floats() == [5, 7, 9].map { Float($0) * 0.25 - 1.5 })
    }

    @Test func sizeOneDimensionsDoNotBreakContiguity() {
        let tensor = StoredTensor(shape: [2, 1, 3], values: [1, 2, 3, 4, 5, 6])
        #expect(tensor.isContiguous)
        #expect(tensor.strides == [3, 3, 1])
        #expect(tensor.floats() == [1, 2, 3, 4, 5, 6])
    }
}
