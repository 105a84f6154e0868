import Testing
import WeightFiles

@testable import ModelCore

/// The same small ResNet-18 and MobileNetV2 weights saved as a legacy `.pth` (torch < 1.6), a zip `.pth`
/// (torch ≥ 1.6) and safetensors (scripts/make-checkpoint-format-fixtures.py) build backbones that give
/// bit-identical features.
@Suite struct CheckpointFormatTests {
    @Test(arguments: [0, 2])
    func everyFormatGivesIdenticalFeatures(_ index: Int) throws {
        let (name, arch, plan) = TorchvisionBackboneTests.cases[index]
        let input = try Fixtures.tensor("tiny_input")
        let reference = try Backbones.make(arch, plan: plan, weights: try Fixtures.archive("\(name)_tiny")).features(input)
        for format in ["legacy", "zip"] {
            let path = try Fixtures.path("\(name)_tiny-\(format)", "pth")
            let expected: WeightFileFormat = format == "legacy" ? .pytorchLegacy : .pytorchZip
            #expect(try WeightFile.format(ofFileAt: path) == expected)
            let features = try Backbones.make(arch, plan: plan, weights: try WeightFile.read(contentsOf: path)).features(input)
            #expect(features == reference, "\(name) from the \(format) checkpoint")
        }
    }
}
