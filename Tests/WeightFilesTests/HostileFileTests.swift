import Foundation
import Testing

@testable import WeightFiles

/// Files built to attack the readers: shapes whose products overflow, pickles nested deeper than any stack.
/// Each must give a clear `WeightFileError` (or load correctly), never a trap or a stack overflow.
@Suite struct HostileFileTests {
    static let huge = 1 << 62

    /// A safetensors image with one tensor of `shape` whose data is `dataBytes` zero bytes.
    static func safetensors(shape: [Int], dataBytes: Int = 0) -> [UInt8] {
        let dimensions = shape.map(String.init).joined(separator: ",")
        let header = Array("{\"t\":{\"dtype\":\"F32\",\"shape\":[\(dimensions)],\"data_offsets\":[0,\(dataBytes)]}}".utf8)
        let length = UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header + [UInt8](repeating: 0, count: dataBytes)
    }

    /// A version 1.0 `.npy` image whose header declares `shape` and which holds `dataBytes` zero bytes.
    static func npy(shape: String, dataBytes: Int = 0) -> [UInt8] {
        var literal = Array("{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }".utf8)
        while (10 + literal.count + 1) % 64 != 0 { literal.append(0x20) }
        literal.append(0x0A)
        let length = UInt16(literal.count)
        return NumpyHeader.magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + literal + [UInt8](repeating: 0, count: dataBytes)
    }

    @Test func shapeProductsAreCheckedForOverflow() {
        #expect(TensorShape.elementCount([3, 224, 224]) == 150_528)
        #expect(TensorShape.elementCount([]) == 1)
        #expect(TensorShape.elementCount([5, 0, 7]) == 0)
        #expect(TensorShape.elementCount([0, Self.huge, Self.huge]) == nil)
        #expect(TensorShape.elementCount([Self.huge, Self.huge, 0]) == nil)
        #expect(TensorShape.elementCount([Int.max]) == nil)
        #expect(TensorShape.elementCount([-1, 4]) == nil)
        #expect(TensorShape.elementCount([1 << 30, 1 << 29]) == 1 << 59)
        #expect(TensorShape.byteCount([1 << 30, 1 << 30, 8], elementWidth: 4) == nil)
    }

    @Test(arguments: [[0, huge, huge], [huge, huge, 0], [0, Int.max], [huge, 4], [0, 3_037_000_500, 3_037_000_500, 3]])
    func safetensorsWithOverflowingShapesAreMalformed(_ shape: [Int]) {
        let error = weightFileError { () throws(WeightFileError) in
            try WeightFile.read(ByteStorage(copying: Self.safetensors(shape: shape)), path: "hostile.safetensors")
        }
        #expect(error?.kind == .malformed, "\(shape): \(String(describing: error))")
        #expect(error?.message.contains("hostile.safetensors") == true)
    }

    @Test func safetensorsWithAnEmptyButAddressableShapeLoads() throws {
        let archive = try WeightFile.read(ByteStorage(copying: Self.safetensors(shape: [0, 1 << 20, 3])), path: "empty.safetensors")
        #expect(archive["t"]?.floats() == [])
    }

    @Test(arguments: ["(0, 4611686018427387904, 4611686018427387904)", "(4611686018427387904, 4611686018427387904, 0)", "(99999999999999999999,)", "(0, 9223372036854775807)"])
    func npyWithOverflowingShapesIsMalformed(_ shape: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Self.npy(shape: shape), as: "hostile.npy")
        let error = weightFileError { () throws(WeightFileError) in try NumpyReader.read(contentsOf: path) }
        #expect(error?.kind == .malformed, "\(shape): \(String(describing: error))")
    }

    @Test func torchAndPickleViewsWithOverflowingShapesAreMalformed() {
        // The one constructor every pickle-based reader (torch zip, torch legacy, numpy pickle) goes through.
        let storage = ByteStorage(copying: [UInt8](repeating: 0, count: 64))
        for (shape, strides) in [([0, Self.huge, Self.huge], [1, 1, 1]), ([Self.huge, Self.huge, 0], [0, 0, 0]), ([0, Int.max], [1, 1])] {
            let error = weightFileError { () throws(WeightFileError) in
                try StoredTensor(
                    name: "w", path: "hostile.pth", storage: storage, region: 0..<64, elementType: .float32, shape: shape, strides: strides)
            }
            #expect(error?.kind == .malformed, "\(shape)")
        }
    }

    @Test func numpyPickleWithAnOverflowingShapeIsMalformed() throws {
        let big: [UInt8] = [0x8A, 8, 0, 0, 0, 0, 0, 0, 0, 0x40]  // LONG1 2^62
        let bytes = Self.numpyPickle(shape: big + big)
        let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(ByteStorage(copying: bytes), path: "hostile.pkl") }
        #expect(error?.kind == .malformed, "\(String(describing: error))")
    }

    /// `{'a': array}` where the array's state declares the shape `(0, <extra>)`, `extra` being pickled ints.
    static func numpyPickle(shape extra: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x80, 0x02, 0x7D, 0x8C, 1, 0x61]
        bytes += [0x63] + Array("numpy.core.multiarray\n_reconstruct\n".utf8)
        bytes += [0x63] + Array("numpy\nndarray\n".utf8) + [0x4B, 0, 0x85, 0x43, 1, 0x62, 0x87, 0x52]
        bytes += [0x28, 0x4B, 1]  // MARK, 1
        bytes += [0x28, 0x4B, 0] + extra + [0x74]  // (0, …)
        bytes += [0x63] + Array("numpy\ndtype\n".utf8) + [0x8C, 2] + Array("f4".utf8) + [0x89, 0x88, 0x87, 0x52]
        bytes += [0x28, 0x4B, 3, 0x8C, 1, 0x3C, 0x4E, 0x4E, 0x4E, 0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x4B, 0, 0x74, 0x62]
        bytes += [0x89, 0x43, 0, 0x74, 0x62]  // False, b'', TUPLE, BUILD
        bytes += [0x73, 0x2E]  // SETITEM, STOP
        return bytes
    }

    @Test func theNumpyPickleBuilderMakesAValidFileWhenTheShapeIsSmall() throws {
        let archive = try WeightFile.read(ByteStorage(copying: Self.numpyPickle(shape: [0x4B, 5])), path: "small.pkl")
        #expect(archive["a"]?.shape == [0, 5])
    }

    @Test func theWeightFuzzersRegressionCorpusIsRejectedCleanly() throws {
        // Fuzz/Regression-weights: the first byte picks the reader as in WeightFileFuzzer (0 weights file,
        // 1 .npy, 2 bundle metadata, which this target cannot reach); the rest is the file.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Regression-weights")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 3)
        let directory = try TemporaryDirectory()
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            guard let mode = bytes.first, mode % 3 != 2 else { continue }
            let path = try directory.write(Array(bytes.dropFirst()), as: name)
            let error = weightFileError { () throws(WeightFileError) in
                if mode % 3 == 0 { _ = try WeightFile.read(contentsOf: path) } else { _ = try NumpyReader.read(contentsOf: path) }
            }
            #expect(error?.kind == .malformed, "\(name): \(String(describing: error))")
        }
    }
}
