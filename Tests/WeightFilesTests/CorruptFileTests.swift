import Foundation
import Testing

@testable import WeightFiles

/// Damaged, hostile and foreign files must give the right error kind, never a crash.
@Suite struct CorruptFileTests {
    static let fixtures = [
        "tiny-legacy.pth", "tiny-zip.pth", "tiny-zip64-wrapped.pth", "tiny-f32.safetensors", "tiny-f16.safetensors", "numpy-nested-p4.pkl",
    ]

    @Test(arguments: fixtures)
    func everyTruncationFailsCleanly(_ name: String) throws {
        let bytes = try Fixture.bytes(name)
        for length in 1..<bytes.count {
            let error = weightFileError { () throws(WeightFileError) in
                try WeightFile.read(ByteStorage(copying: bytes.prefix(length)), path: "cut-\(length)")
            }
            #expect(error != nil, "\(name) cut at \(length) bytes was accepted")
            #expect([.truncated, .malformed, .unknownFormat].contains(error?.kind), "\(name) cut at \(length): \(String(describing: error))")
        }
    }

    @Test(arguments: fixtures)
    func everySingleByteCorruptionIsReadOrRejectedWithoutCrashing(_ name: String) throws {
        let bytes = try Fixture.bytes(name)
        var readable = 0
        for offset in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = bytes
                damaged[offset] ^= flip
                if let archive = try? WeightFile.read(ByteStorage(copying: damaged), path: "damaged") {
                    // Whatever was accepted must decode in full (validation happens at read time).
                    readable += archive.tensors.values.reduce(0) { $0 + $1.floats().count }
                }
            }
        }
        #expect(readable > 0, "flipping bits inside tensor data should still read")
    }

    @Test(arguments: [("tiny-legacy.pth", 400), ("tiny-f32.safetensors", 300), ("tiny-zip.pth", 1500)])
    func truncationInsideDataIsReportedAsTruncated(_ name: String, _ length: Int) throws {
        let bytes = try Fixture.bytes(name)
        let directory = try TemporaryDirectory()
        let path = try directory.write(Array(bytes.prefix(length)), as: "cut")
        #expect(weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }?.kind == .truncated)
    }

    @Test func emptyMissingAndForeignFiles() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.write([], as: "empty.pth")
        #expect(weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: empty) }?.kind == .truncated)
        let missing = directory.file("missing.pth")
        #expect(weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: missing) }?.kind == .notFound)
        #expect(weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: directory.path) }?.kind == .unreadable)
        let text = try directory.write(Array("hello, I am not a model\n".utf8), as: "text.pth")
        let foreign = weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: text) }
        #expect(foreign?.kind == .unknownFormat)
        #expect(foreign?.message.contains("text.pth") == true)
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<50 {
            let noise = (0..<Int.random(in: 1...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = try directory.write(noise, as: "noise-\(trial)")
            #expect(weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) } != nil)
        }
    }

    @Test func wrongLegacyMagicIsUnknownFormat() throws {
        var bytes = try Fixture.bytes("tiny-legacy.pth")
        bytes[5] ^= 0xFF  // inside the 10-byte magic number
        let directory = try TemporaryDirectory()
        let path = try directory.write(bytes, as: "wrong-magic.pth")
        #expect(weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }?.kind == .unknownFormat)
    }

    @Test func disallowedGlobalIsNamed() throws {
        // The classic exploit: os.system('echo pwned'), as the first object after the legacy preamble.
        var bytes = Array(try Fixture.bytes("tiny-legacy.pth").prefix(137))
        bytes += [0x80, 0x02] + Array("cos\nsystem\n".utf8) + [0x58, 10, 0, 0, 0] + Array("echo pwned".utf8)
        bytes += [0x85, 0x52, 0x2E]  // TUPLE1, REDUCE, STOP
        let directory = try TemporaryDirectory()
        let path = try directory.write(bytes, as: "evil.pth")
        let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }
        #expect(error?.kind == .unsupportedClass)
        #expect(error?.message.contains("'os.system'") == true)
    }

    @Test func pickledModelClassIsNamed() throws {
        // torch.save(model) pickles the module's own class via STACK_GLOBAL (protocol 4).
        var bytes = Array(try Fixture.bytes("tiny-legacy.pth").prefix(137))
        bytes += [0x80, 0x04, 0x8C, 8] + Array("mymodels".utf8) + [0x8C, 3] + Array("Net".utf8) + [0x93, 0x29, 0x81, 0x2E]
        let directory = try TemporaryDirectory()
        let path = try directory.write(bytes, as: "model.pth")
        let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }
        #expect(error?.kind == .unsupportedClass)
        #expect(error?.message.contains("'mymodels.Net'") == true)
    }

    @Test(arguments: [([UInt8(0x5D)], "not a state dict"), ([0x7D], "no state dict"), ([0x4B, 7], "not a state dict")])
    func rootThatIsNoStateDictIsMalformed(_ body: [UInt8], _ phrase: String) throws {
        // The preamble, then a protocol-2 pickle of [], {} or 7 where the state dict should be.
        let bytes = Array(try Fixture.bytes("tiny-legacy.pth").prefix(137)) + [0x80, 0x02] + body + [0x2E]
        let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(ByteStorage(copying: bytes), path: "odd.pth") }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains(phrase) == true, "\(String(describing: error))")
    }

    @Test func safetensorsWithOverlappingOrLyingOffsetsIsMalformed() throws {
        let directory = try TemporaryDirectory()
        func file(_ json: String, dataBytes: Int) throws -> String {
            var header = Array(json.utf8)
            header += repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
            let length = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
            return try directory.write(length + header + [UInt8](repeating: 0, count: dataBytes), as: "case-\(json.hashValue)")
        }
        let cases: [(String, Int, WeightFileError.Kind)] = [
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, 12, .malformed),
            (#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, 8, .malformed),
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, 12, .malformed),
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, 12, .malformed),
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, 4, .truncated),
            (#"{"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}}"#, 8, .malformed),
            (#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, 8, .malformed),
            (#"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, 8, .malformed),
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, 8, .malformed),
            (#"{"a":[1,2,3]}"#, 0, .malformed),
        ]
        for (json, dataBytes, kind) in cases {
            let path = try file(json, dataBytes: dataBytes)
            let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }
            #expect(error?.kind == kind, "\(json)")
        }
    }

    @Test func hugeDeclaredHeaderLengthIsRefusedBeforeAllocating() throws {
        let bytes = withUnsafeBytes(of: UInt64(1 << 60).littleEndian) { Array($0) } + Array("{}".utf8)
        let directory = try TemporaryDirectory()
        let path = try directory.write(bytes, as: "liar.safetensors")
        let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }
        #expect(error?.kind == .malformed || error?.kind == .unknownFormat)
    }

    @Test func lyingPickleLengthsAreTruncatedNotAllocated() throws {
        // BINUNICODE claiming 4 GiB, BINBYTES8 claiming 2⁶³, LONG4 claiming 2 GiB: each is checked against the bytes left.
        let preamble = Array(try Fixture.bytes("tiny-legacy.pth").prefix(137))
        let bodies: [[UInt8]] = [
            [0x58, 0xFF, 0xFF, 0xFF, 0xFF, 0x41], [0x8E] + [UInt8](repeating: 0xFF, count: 7) + [0x7F], [0x8B, 0xFF, 0xFF, 0xFF, 0x7F],
        ]
        let directory = try TemporaryDirectory()
        for (index, body) in bodies.enumerated() {
            let path = try directory.write(preamble + [0x80, 0x02] + body, as: "liar-\(index).pth")
            #expect(weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }?.kind == .truncated)
        }
    }

    @Test func tensorViewBeyondItsStorageIsMalformed() throws {
        // Patch features.weight's size (4, 3) to (5, 3): 15 elements from a 12-element storage.
        var bytes = try Fixture.bytes("tiny-legacy.pth")
        let sizeOperand = 294  // BININT1 4 at 293 (see scripts/make-weight-fixtures.py output)
        #expect(bytes[sizeOperand - 1] == 0x4B && bytes[sizeOperand] == 4)
        bytes[sizeOperand] = 5
        let directory = try TemporaryDirectory()
        let path = try directory.write(bytes, as: "overreach.pth")
        let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("features.weight") == true)
    }

    @Test func compressedZipEntryIsRefused() throws {
        var bytes = try Fixture.bytes("tiny-zip.pth")
        // Set the compression method of every central directory entry to 8 (deflate).
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        for offset in 0..<(bytes.count - 4) where Array(bytes[offset..<(offset + 4)]) == signature {
            bytes[offset + 10] = 8
        }
        let directory = try TemporaryDirectory()
        let path = try directory.write(bytes, as: "deflated.pth")
        let error = weightFileError { () throws(WeightFileError) in try WeightFile.read(contentsOf: path) }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("compressed") == true)
    }
}
