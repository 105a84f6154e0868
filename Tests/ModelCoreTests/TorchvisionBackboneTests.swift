import Dispatch
import Synchronization
import Testing
import WeightFiles

@testable import ModelCore

/// Reduced-width ResNet-18/50 and MobileNetV2 against the independent numpy reference in
/// `scripts/make-model-goldens-torchvision.py` (random weights, a [2, 36, 36, 3] batch).
@Suite struct TorchvisionBackboneTests {
    static let cases: [(String, BackboneArchitecture, NetworkPlan)] = [
        ("resnet18", .resNet18, ResNet.plan(blocks: [2, 2, 2, 2], bottleneck: false, baseWidth: 8)),
        ("resnet50", .resNet50, ResNet.plan(blocks: [3, 4, 6, 3], bottleneck: true, baseWidth: 4)),
        ("mobilenet_v2", .mobileNetV2, MobileNetV2.plan(width: 0.25)),
    ]

    @Test(arguments: cases.indices)
    func featuresMatchTheNumpyReference(_ index: Int) throws {
        let (name, arch, plan) = Self.cases[index]
        let backbone = try Backbones.make(arch, plan: plan, weights: try Fixtures.archive("\(name)_tiny"))
        let want = try Fixtures.tensor("\(name)_tiny_features")
        let got = try backbone.features(try Fixtures.tensor("tiny_input"))
        #expect(got.shape == want.shape)
        #expect(backbone.featureDimension == want.shape[1])
        #expect(maxAbsDifference(got.values, want.values) <= 1e-4)
    }

    @Test func framesAreIndependentOfTheirBatch() throws {
        let (name, arch, plan) = Self.cases[0]
        let backbone = try Backbones.make(arch, plan: plan, weights: try Fixtures.archive("\(name)_tiny"))
        let batch = try Fixtures.tensor("tiny_input")
        let frame = batch.count / 2
        let second = try backbone.features(Tensor(shape: [1, 36, 36, 3], values: Array(batch.values[frame...])))
        let both = try backbone.features(batch)
        #expect(maxAbsDifference(second.values, Array(both.values[backbone.featureDimension...])) <= 1e-5)
    }

    @Test func concurrentCallsAgree() throws {
        let (name, arch, plan) = Self.cases[2]
        let backbone = try Backbones.make(arch, plan: plan, weights: try Fixtures.archive("\(name)_tiny"))
        let batch = try Fixtures.tensor("tiny_input")
        let want = try backbone.features(batch)
        let results = Mutex<[Tensor?]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let got = try? backbone.features(batch)
            results.withLock { $0.append(got) }
        }
        #expect(results.withLock { $0.count == 4 && $0.allSatisfy { $0 == want } })
    }

    @Test func prefixedAndModuleNamesResolve() throws {
        let archive = try Fixtures.archive("resnet18_tiny")
        let renamed = TensorArchive(
            tensors: Dictionary(uniqueKeysWithValues: archive.names.map { ("module.backbone." + $0, archive[$0]!) }))
        let plan = Self.cases[0].2
        let backbone = try Backbones.make(.resNet18, plan: plan, weights: renamed, prefix: "backbone.")
        #expect(try backbone.features(try Fixtures.tensor("tiny_input")).shape == [2, 64])
    }

    @Test func missingAndMisshapenTensorsAreNamed() throws {
        var tensors = try Fixtures.archive("resnet18_tiny").tensors
        tensors["layer2.0.conv1.weight"] = nil
        #expect(
            throws: ModelError(
                .missingParameter,
                "The weights have no tensor \"layer2.0.conv1.weight\" (resnet18 expects shape [16, 8, 3, 3]); check the architecture and the name prefix."
            )
        ) {
            try Backbones.make(.resNet18, plan: Self.cases[0].2, weights: TensorArchive(tensors: tensors))
        }
        #expect(
            throws: ModelError(
                .parameterShapeMismatch,
                "Tensor \"conv1.weight\" has shape [8, 3, 7, 7] but resnet18 expects [64, 3, 7, 7]; check the architecture and its width."
            )
        ) {
            try Backbones.make(.resNet18, weights: try Fixtures.archive("resnet18_tiny"))
        }
    }

    @Test func inputMustBeAnRGBBatch() throws {
        let backbone = try Backbones.make(
            .resNet18, plan: Self.cases[0].2, weights: try Fixtures.archive("resnet18_tiny"))
        #expect(
            throws: ModelError(
                .shapeMismatch, "resnet18 backbone expects an RGB batch [n, h, w, 3], got [1, 36, 36, 4].")
        ) {
            try backbone.features(Tensor.zeros(shape: [1, 36, 36, 4]))
        }
        #expect(throws: ModelError.self) { try backbone.features(Tensor.zeros(shape: [36, 36, 3])) }
    }

    /// Counts from the torchvision state dicts, less `num_batches_tracked` and the classifier.
    @Test(arguments: [
        (BackboneArchitecture.resNet18, 100, 512), (.resNet34, 180, 512), (.resNet50, 265, 2048),
        (.mobileNetV2, 260, 1280), (.efficientNetLite0, 245, 1280),
    ])
    func parameterListsMatchThePyTorchSources(_ arch: BackboneArchitecture, count: Int, dimension: Int) {
        let shapes = Backbones.parameterShapes(arch)
        #expect(shapes.count == count)
        #expect(arch.featureDimension == dimension)
    }

    @Test func parameterShapesUseTorchLayouts() {
        let resnet = Backbones.parameterShapes(.resNet50)
        #expect(resnet["layer3.0.downsample.0.weight"] == [1024, 512, 1, 1])
        #expect(resnet["layer4.2.conv2.weight"] == [512, 512, 3, 3])
        let mobile = Backbones.parameterShapes(.mobileNetV2)
        #expect(mobile["features.1.conv.0.0.weight"] == [32, 1, 3, 3])
        #expect(mobile["features.2.conv.3.running_var"] == [24])
        #expect(mobile["features.18.0.weight"] == [1280, 320, 1, 1])
        let effnet = Backbones.parameterShapes(.efficientNetLite0)
        #expect(effnet["_blocks.15._project_conv.weight"] == [320, 1152, 1, 1])
        #expect(effnet["_blocks.3._depthwise_conv.weight"] == [144, 1, 5, 5])
    }
}
