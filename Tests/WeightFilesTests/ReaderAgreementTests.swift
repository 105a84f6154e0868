import Foundation
import Testing

@testable import WeightFiles

/// The same tensors written as legacy .pth, zip .pth (plain and zip64) and safetensors must read identically.
@Suite struct ReaderAgreementTests {
    static let float32Files = ["tiny-legacy.pth", "tiny-zip.pth", "tiny-zip64-wrapped.pth", "tiny-f32.safetensors"]

    @Test(arguments: float32Files)
    func everyFormatGivesTheExpectedFloats(_ name: String) throws {
        let archive = try WeightFile.read(contentsOf: try Fixture.path(name))
        let expected = try Fixture.expected()
        #expect(archive.names == expected.keys.sorted())
        for (tensorName, want) in expected {
            let tensor = try archive.tensor(tensorName, shape: want.shape)
            #expect(tensor.floats() == want.values, "\(name): \(tensorName)")
        }
    }

    @Test func formatsAreSniffedFromContentNotExtension() throws {
        #expect(try WeightFile.format(ofFileAt: Fixture.path("tiny-legacy.pth")) == .pytorchLegacy)
        #expect(try WeightFile.format(ofFileAt: Fixture.path("tiny-zip.pth")) == .pytorchZip)
        #expect(try WeightFile.format(ofFileAt: Fixture.path("tiny-f16.safetensors")) == .safetensors)
        let directory = try TemporaryDirectory()
        let renamed = try directory.write(try Fixture.bytes("tiny-zip.pth"), as: "weights.safetensors")
        #expect(try WeightFile.format(ofFileAt: renamed) == .pytorchZip)
    }

    @Test func safetensorsHeaderLengthStartingLikeAPickleIsStillSafetensors() throws {
        // A 640-byte header is stored as 80 02 00 …, the same first two bytes as a protocol-2 pickle.
        let tensor = [NamedTensor(name: "w", shape: [1], values: [2])]
        var header = SafeTensorsWriter.headerBytes(tensor, metadata: [:], storage: .float32)
        header += [UInt8](repeating: UInt8(ascii: " "), count: 640 - header.count)
        let bytes = withUnsafeBytes(of: UInt64(640).littleEndian) { Array($0) } + header + [0, 0, 0, 0x40]
        let storage = ByteStorage(copying: bytes)
        #expect(WeightFileFormat.sniff(storage) == .safetensors)
        #expect(try WeightFile.read(storage, path: "640.safetensors")["w"]?.floats() == [2])
    }

    @Test func elementTypesAreThoseOfTheStorages() throws {
        let archive = try WeightFile.read(contentsOf: try Fixture.path("tiny-legacy.pth"))
        #expect(archive["features.weight"]?.elementType == .float32)
        #expect(archive["embed.half"]?.elementType == .float16)
        #expect(archive["bn.num_batches_tracked"]?.elementType == .int64)
        #expect(archive["bn.num_batches_tracked"]?.integers() == [42])
        #expect(archive["bn.num_batches_tracked"]?.shape == [])
        #expect(archive["bn.num_batches_tracked"]?.elementCount == 1)
    }

    @Test(arguments: ["tiny-legacy.pth", "tiny-zip.pth"])
    func transposedViewWithStorageOffsetMaterialisesRowMajor(_ name: String) throws {
        let archive = try WeightFile.read(contentsOf: try Fixture.path(name))
        let view = try archive.tensor("classifier.weight", shape: [5, 3])
        #expect(view.strides == [1, 5])
        #expect(!view.isContiguous)
        // The storage holds s[i] = 0.25·i − 1.5; element [r, c] is s[2 + r + 5c].
        let storage = (0..<17).map { Float($0) * 0.25 - 1.5 }
        let want = (0..<5).flatMap { row in (0..<3).map { column in storage[2 + row + 5 * column] } }
        #expect(view.floats() == want)
        // features.bias views the first two elements of the same storage.
        #expect(archive["features.bias"]?.floats() == [-1.5, -1.25])
    }

    @Test func float16SafetensorsMatchesRoundedExpectation() throws {
        let archive = try WeightFile.read(contentsOf: try Fixture.path("tiny-f16.safetensors"))
        for (tensorName, want) in try Fixture.expected("tiny-expected-f16.json") {
            let tensor = try archive.tensor(tensorName, shape: want.shape)
            #expect(tensor.floats() == want.values, "\(tensorName)")
        }
        #expect(archive["features.weight"]?.elementType == .float16)
        let half = try #require(archive["embed.half"]?.floats())
        #expect(half[3].sign == .minus && half[3] == 0)
        #expect(half[4] == 65504)
    }

    @Test func safetensorsMetadataIsRead() throws {
        let archive = try WeightFile.read(contentsOf: try Fixture.path("tiny-f32.safetensors"))
        #expect(archive.metadata == ["format": "pt", "source": "scripts/make-weight-fixtures.py"])
        #expect(try WeightFile.read(contentsOf: try Fixture.path("tiny-legacy.pth")).metadata.isEmpty)
    }

    @Test func lookupErrorsNameTheTensorAndShapes() throws {
        let archive = try WeightFile.read(contentsOf: try Fixture.path("tiny-f32.safetensors"))
        let missing = weightFileError { () throws(WeightFileError) in try archive.tensor("fc.weight") }
        #expect(missing?.kind == .missingTensor)
        #expect(missing?.message.contains("no tensor 'fc.weight'") == true)
        let mismatch = weightFileError { () throws(WeightFileError) in try archive.tensor("features.weight", shape: [3, 4]) }
        #expect(mismatch?.kind == .shapeMismatch)
        #expect(mismatch?.message.contains("tensor 'features.weight' has shape [4, 3], expected [3, 4]") == true)
    }

    @Test func tensorsOutliveTheirArchiveAndDecodeConcurrently() async throws {
        let tensor = try #require(try WeightFile.read(contentsOf: try Fixture.path("tiny-zip.pth"))["classifier.weight"])
        let want = tensor.floats()
        let results = await withTaskGroup(of: [Float].self) { group in
            for _ in 0..<8 { group.addTask { tensor.floats() } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == want })
    }
}
