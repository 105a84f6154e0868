import Foundation
import Testing

@testable import WeightFiles

/// Writer → reader round trips, storage conversions and the overwrite policy.
@Suite struct SafeTensorsWriterTests {
    static let tensors = [
        NamedTensor(name: "head.classifier.weight", shape: [2, 3], values: [0.1, -0.2, 0.3, 1e-8, 70000, -0.0]),
        NamedTensor(name: "head.classifier.bias", shape: [2], values: [1, -1]),
        NamedTensor(name: "scalar \"quoted\"\n", shape: [], values: [3.5]),
        NamedTensor(name: "empty", shape: [0, 4], values: []),
    ]
    static let metadata = ["labels": "[\"cat\", \"dog\"]", "format": "vidclass-bundle/1", "note": "tab\there, ünïcode"]

    @Test func float32RoundTripIsExact() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("model.safetensors")
        try SafeTensorsWriter.write(Self.tensors, metadata: Self.metadata, storage: .float32, to: path, overwrite: false)
        let archive = try WeightFile.read(contentsOf: path)
        #expect(archive.metadata == Self.metadata)
        #expect(archive.names == Self.tensors.map(\.name).sorted())
        for tensor in Self.tensors {
            let read = try archive.tensor(tensor.name, shape: tensor.shape)
            #expect(read.elementType == .float32)
            #expect(read.floats().map(\.bitPattern) == tensor.values.map(\.bitPattern))
        }
    }

    @Test(arguments: [ElementType.float16, .bfloat16])
    func halfStorageRoundsToNearestEven(_ storage: ElementType) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("model.safetensors")
        try SafeTensorsWriter.write(Self.tensors, metadata: [:], storage: storage, to: path, overwrite: false)
        let archive = try WeightFile.read(contentsOf: path)
        #expect(archive.metadata.isEmpty)
        for tensor in Self.tensors {
            let read = try archive.tensor(tensor.name, shape: tensor.shape)
            #expect(read.elementType == storage)
            let want = tensor.values.map { value in
                storage == .float16
                    ? HalfPrecision.float(fromFloat16Bits: HalfPrecision.float16Bits(from: value))
                    : HalfPrecision.float(fromBFloat16Bits: HalfPrecision.bfloat16Bits(from: value))
            }
            #expect(read.floats().map(\.bitPattern) == want.map(\.bitPattern))
        }
        let weights = try archive.tensor("head.classifier.weight").floats()
        #expect(weights[4] == (storage == .float16 ? .infinity : 70144))
    }

    @Test func layoutFollowsTheGivenOrderWithAlignedData() throws {
        let header = SafeTensorsWriter.headerBytes(Self.tensors, metadata: Self.metadata, storage: .float32)
        #expect(header.count % 8 == 0)
        let text = String(decoding: header, as: UTF8.self)
        let first = try #require(text.range(of: "head.classifier.weight"))
        let second = try #require(text.range(of: "head.classifier.bias"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(text.contains("\"data_offsets\":[0,24]") && text.contains("\"data_offsets\":[24,32]"))
    }

    @Test func refusesToOverwriteUnlessAsked() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Array("precious".utf8), as: "existing.safetensors")
        let refused = weightFileError { () throws(WeightFileError) in
            try SafeTensorsWriter.write(Self.tensors, metadata: [:], storage: .float32, to: path, overwrite: false)
        }
        #expect(refused?.kind == .exists)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        try SafeTensorsWriter.write(Self.tensors, metadata: [:], storage: .float32, to: path, overwrite: true)
        #expect(try WeightFile.read(contentsOf: path).tensors.count == Self.tensors.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["existing.safetensors"])
    }

    @Test func rejectsDuplicateAndReservedNamesWithoutLeavingAFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bad.safetensors")
        let twice = [Self.tensors[1], Self.tensors[1]]
        #expect(
            weightFileError { () throws(WeightFileError) in
                try SafeTensorsWriter.write(twice, metadata: [:], storage: .float32, to: path, overwrite: false)
            }?.kind == .malformed)
        let reserved = [NamedTensor(name: "__metadata__", shape: [1], values: [1])]
        #expect(
            weightFileError { () throws(WeightFileError) in
                try SafeTensorsWriter.write(reserved, metadata: [:], storage: .float32, to: path, overwrite: false)
            }?.kind == .malformed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func missingDirectoryIsAnIOError() {
        let error = weightFileError { () throws(WeightFileError) in
            try SafeTensorsWriter.write(Self.tensors, metadata: [:], storage: .float32, to: "/nonexistent-dir/x.safetensors", overwrite: false)
        }
        #expect(error?.kind == .io)
    }
}
