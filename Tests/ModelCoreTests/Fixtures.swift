import Foundation
import Testing
import WeightFiles

@testable import ModelCore

/// Locates and reads the files in `Fixtures/` (see Fixtures/PROVENANCE.md).
enum Fixtures {
    static func path(_ name: String, _ ext: String) throws -> String {
        try #require(
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
            "missing fixture \(name).\(ext)"
        ).path
    }

    /// A `.npy` fixture as a tensor.
    static func tensor(_ name: String) throws -> Tensor {
        let (shape, values) = try NumpyReader.read(contentsOf: try path(name, "npy"))
        return Tensor(shape: shape, values: values)
    }

    /// A `.safetensors` fixture.
    static func archive(_ name: String) throws -> TensorArchive {
        try WeightFile.read(contentsOf: try path(name, "safetensors"))
    }

    /// The repository's default model bundle (`Models/efficientnet-lite0-imagenet.safetensors`), found
    /// relative to this source file so it works from any working directory; nil when it is absent.
    static var defaultBundlePath: String? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/efficientnet-lite0-imagenet.safetensors")
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }
}
