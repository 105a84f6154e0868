import Foundation
import Testing

@testable import WeightFiles

/// Pickles of nested dicts of numpy arrays (the Flax checkpoint format), from scripts/make-numpy-pickle-fixtures.py
/// and from opcode streams assembled here.
@Suite struct NumpyPickleTests {
    /// One tensor of `numpy-nested-expected.json`: shape, numpy dtype string (`<f4`, `|u1`, …) and row-major values.
    struct Expected: Decodable {
        var shape: [Int]
        var dtype: String
        var values: [Float]
    }

    static func expected() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(try Fixture.bytes("numpy-nested-expected.json")))
    }

    static func readError(_ bytes: [UInt8]) -> WeightFileError? {
        weightFileError { () throws(WeightFileError) in try WeightFile.read(ByteStorage(copying: bytes), path: "tree.pkl") }
    }

    // MARK: - Fixtures numpy wrote

    /// Protocol 4 uses FRAME, MEMOIZE, STACK_GLOBAL and numpy < 2's `numpy.core.multiarray` (like the real I3D
    /// checkpoint); protocol 3 uses GLOBAL, BINPUT and numpy 2's `numpy._core.multiarray`.
    @Test(arguments: ["numpy-nested-p4.pkl", "numpy-nested-p3.pkl"])
    func readsEveryArrayOfTheTree(_ name: String) throws {
        let path = try Fixture.path(name)
        #expect(try WeightFile.format(ofFileAt: path) == .numpyPickle)
        let archive = try WeightFile.read(contentsOf: path)
        let expected = try Self.expected()
        #expect(archive.names == expected.keys.sorted())
        for (tensorName, want) in expected {
            let tensor = try archive.tensor(tensorName, shape: want.shape)
            #expect(tensor.elementType == ElementType(numpyTypeCode: want.dtype.dropFirst()), "\(tensorName)")
            #expect(tensor.floats() == want.values, "\(tensorName)")
        }
    }

    @Test func namesShapesTypesAndLayouts() throws {
        let archive = try WeightFile.read(contentsOf: try Fixture.path("numpy-nested-p4.pkl"))
        let kernel = try archive.tensor("params/Conv3d_1a_7x7/Conv_0/kernel", shape: [2, 1, 2, 3, 2])
        #expect(Array(kernel.floats().prefix(3)) == [-1.5, -1.375, -1.25])
        #expect(try archive.tensor("batch_stats/Conv3d_1a_7x7/BatchNorm_0/var").floats() == [0.5, 4, 1024])
        #expect(try archive.tensor("params/scalar", shape: []).floats() == [3.75])
        #expect(try archive.tensor("params/empty", shape: [0, 3]).floats() == [])
        // np.asfortranarray(arange(6).reshape(2, 3) + 10): stored column-major, decoded row-major.
        let fortran = try archive.tensor("params/fortran", shape: [2, 3])
        #expect(fortran.strides == [1, 2])
        #expect(fortran.floats() == [10, 11, 12, 13, 14, 15])
        #expect(archive["half"]?.elementType == .float16)
        #expect(archive["half"].map { Array($0.floats().prefix(2)) } == [1, -2.5])
        #expect(archive["double"]?.elementType == .float64)
        #expect(archive["double"]?.floats() == [0.125, -1e10, 0x1p-20])
        #expect(archive["counts/int64"]?.integers() == [7, -1, 1 << 40])
        #expect(archive["counts/int32"]?.integers() == [-3, 1 << 20])
        #expect(archive["counts/uint8"]?.integers() == [0, 255])
        #expect(archive["counts/bool"]?.floats() == [1, 0, 1])
    }

    @Test func tensorsPointIntoTheFileWithoutCopying() throws {
        let bytes = try Fixture.bytes("numpy-nested-p4.pkl")
        let storage = ByteStorage(copying: bytes)
        let archive = try WeightFile.read(storage, path: "tree.pkl")
        let scalar = try #require(archive["params/scalar"])
        #expect(scalar.storage === storage)
        #expect(Array(bytes[scalar.byteOffset..<(scalar.byteOffset + 4)]) == withUnsafeBytes(of: Float(3.75)) { Array($0) })
    }

    @Test(arguments: [
        ("numpy-load-call.pkl", "numpy.load"),
        ("numpy-nested-p2.pkl", "_codecs.encode"),
        ("numpy-nested-p5.pkl", "numpy._core.numeric._frombuffer"),
    ])
    func disallowedGlobalsAreRefusedByName(_ name: String, _ global: String) throws {
        let error = Self.readError(try Fixture.bytes(name))
        #expect(error?.kind == .unsupportedClass)
        #expect(error?.message.contains("'\(global)'") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("numpy-big-endian.pkl", ["'params/w'", "big-endian", "astype('<f4')"]),
        ("numpy-length-mismatch.pkl", ["'params/w'", "holds 12 bytes", "shape [4] of 'f4' needs 16"]),
        ("numpy-int-leaf.pkl", ["'params/step' is of type int, not a numpy array"]),
    ])
    func badArraysAndLeavesAreMalformed(_ name: String, _ phrases: [String]) throws {
        let error = Self.readError(try Fixture.bytes(name))
        #expect(error?.kind == .malformed)
        for phrase in phrases {
            #expect(error?.message.contains(phrase) == true, "\(String(describing: error))")
        }
    }

    @Test func truncationInsideArrayDataIsTruncated() throws {
        let bytes = try Fixture.bytes("numpy-nested-p4.pkl")
        let error = Self.readError(Array(bytes.prefix(bytes.count / 2)))
        #expect(error?.kind == .truncated)
    }

    // MARK: - Assembled opcode streams

    /// A protocol-2 pickle of `body` (its opcodes, without PROTO and STOP).
    static func pickle(_ body: [UInt8]) -> [UInt8] { [0x80, 0x02] + body + [0x2E] }

    static func text(_ string: String) -> [UInt8] { [0x8C, UInt8(string.utf8.count)] + Array(string.utf8) }

    static func global(_ module: String, _ name: String) -> [UInt8] { [0x63] + Array("\(module)\n\(name)\n".utf8) }

    /// `numpy.dtype(typeCode, False, True)` then BUILD with NumPy's dtype state for `byteOrder`.
    static func dtype(_ typeCode: String, byteOrder: String = "<") -> [UInt8] {
        let minusOne: [UInt8] = [0x4A, 0xFF, 0xFF, 0xFF, 0xFF]
        return global("numpy", "dtype") + text(typeCode) + [0x89, 0x88, 0x87, 0x52]
            + [0x28, 0x4B, 3] + text(byteOrder) + [0x4E, 0x4E, 0x4E] + minusOne + minusOne + [0x4B, 0, 0x74, 0x62]
    }

    /// `_reconstruct(numpy.ndarray, (0,), b'b')`, the empty array BUILD fills in.
    static let emptyArray: [UInt8] =
        global("numpy.core.multiarray", "_reconstruct") + global("numpy", "ndarray") + [0x4B, 0, 0x85, 0x43, 1, 0x62, 0x87, 0x52]

    /// A one-dimensional array: the empty array, then BUILD with `(1, (count,), dtype, False, data)`.
    static func array(_ typeCode: String, count: UInt8, data: [UInt8]) -> [UInt8] {
        emptyArray + [0x28, 0x4B, 1, 0x4B, count, 0x85] + dtype(typeCode) + [0x89, 0x43, UInt8(data.count)] + data + [0x74, 0x62]
    }

    /// `{key: value}` for one key.
    static func dict(_ key: [UInt8], _ value: [UInt8]) -> [UInt8] { [0x7D] + key + value + [0x73] }

    @Test func assembledArrayReads() throws {
        let halves = Self.pickle(Self.dict(Self.text("w"), Self.array("f2", count: 2, data: [0x00, 0x3C, 0x00, 0xC0])))
        let archive = try WeightFile.read(ByteStorage(copying: halves), path: "tree.pkl")
        #expect(archive.names == ["w"])
        #expect(archive["w"]?.floats() == [1, -2])
    }

    /// Opcode streams that must fail as `.malformed`, each with a phrase its message must contain.
    static var malformedTrees: [([UInt8], String)] {
        let zeroFloat: [UInt8] = array("f4", count: 1, data: [0, 0, 0, 0])
        let selfReference: [UInt8] = [0x7D, 0x71, 0] + text("self") + [0x68, 0, 0x73]
        let sharedDict: [UInt8] = [0x7D] + text("a") + [0x7D, 0x71, 1, 0x73] + text("b") + [0x68, 1, 0x73]
        let reconstructDType: [UInt8] = global("numpy.core.multiarray", "_reconstruct") + global("numpy", "dtype") + [0x85, 0x52]
        let complexArray: [UInt8] = array("c8", count: 1, data: [UInt8](repeating: 0, count: 8))
        let markAndVersion: [UInt8] = [0x28, 0x4B, 1]
        let listData: [UInt8] = emptyArray + markAndVersion + [0x4B, 1, 0x85] + dtype("f4") + [0x89, 0x5D, 0x74, 0x62]
        let negativeShape: [UInt8] = [0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x85]
        let negativeDimension: [UInt8] = emptyArray + markAndVersion + negativeShape + dtype("f4") + [0x89, 0x43, 0, 0x74, 0x62]
        return [
            ([0x5D], "of type list, not a dict of numpy arrays"),  // a list at the top
            ([0x7D], "hold no numpy arrays"),  // {} alone
            (dict([0x4B, 1], zeroFloat), "a dict key at the top level is of type int, not str"),  // {1: array}
            (selfReference, "a list or dict that contains itself"),  // d['self'] = d, a cycle
            (sharedDict, "'b' is a dict that also appears elsewhere"),  // {'a': d, 'b': d}
            (reconstructDType, "instead of a numpy.ndarray"),  // _reconstruct(numpy.dtype)
            (dict(text("w"), complexArray), "numpy dtype 'c8', which is not supported"),
            (dtype("f4", byteOrder: "?"), "byte order"),
            (dict(text("w"), emptyArray), "'w' was never given its data"),  // no BUILD
            (global("numpy", "ndarray") + [0x29, 0x52], "a call of numpy.ndarray"),
            (dict(text("w"), listData), "not bytes"),  // an object array
            (dict(text("w"), negativeDimension), "non-negative ints"),
        ]
    }

    @Test(arguments: malformedTrees)
    func malformedTreesAreRefused(_ body: [UInt8], _ phrase: String) {
        let error = Self.readError(Self.pickle(body))
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains(phrase) == true, "\(String(describing: error))")
    }

    @Test func osSystemIsRefusedBeforeItCouldRun() {
        let error = Self.readError(Self.pickle(Self.dict(Self.text("w"), Self.global("os", "system") + Self.text("echo pwned") + [0x85, 0x52])))
        #expect(error?.kind == .unsupportedClass)
        #expect(error?.message.contains("'os.system'") == true)
    }

    @Test func framedLegacyMagicIsStillPyTorchAndNumpyGlobalsAreExact() {
        // PROTO 4, FRAME, then the 10-byte LONG1 of PyTorch's magic number: a legacy file saved at protocol 4.
        let framed: [UInt8] = [0x80, 0x04, 0x95, 12, 0, 0, 0, 0, 0, 0, 0, 0x8A, 0x0A] + TorchLegacyReader.magic + [0x2E]
        #expect(WeightFileFormat.sniff(ByteStorage(copying: framed)) == .pytorchLegacy)
        #expect(WeightFileFormat.sniff(ByteStorage(copying: Self.pickle([0x7D]))) == .numpyPickle)
        for (module, name) in [("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"), ("numpy", "dtype")] {
            #expect((try? PickleGlobal(module: module, name: name, path: "x")) != nil, "\(module).\(name)")
        }
        for (module, name) in [("numpy", "load"), ("numpy.core.multiarray", "scalar"), ("numpy._core.numeric", "_frombuffer")] {
            #expect((try? PickleGlobal(module: module, name: name, path: "x")) == nil, "\(module).\(name)")
        }
    }
}
