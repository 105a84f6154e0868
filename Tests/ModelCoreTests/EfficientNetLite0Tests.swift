import Testing
import WeightFiles

@testable import ModelCore

/// The default bundle's EfficientNet-Lite0 against goldens from the project's numpy reference
/// (`scripts/make-model-goldens.py`, fp16-rounded weights like the bundle's).
///
/// Runs when the repository holds `Models/efficientnet-lite0-imagenet.safetensors` (the committed default
/// bundle: backbone tensors under `backbone.`, the ImageNet classifier under `head.classifier.`).
@Suite(.enabled(if: Fixtures.defaultBundlePath != nil, "needs the default model bundle in Models/"))
struct EfficientNetLite0Tests {
    let backbone: any Backbone
    let head: ClassifierHead

    init() throws {
        let bundle = try WeightFile.read(contentsOf: try #require(Fixtures.defaultBundlePath))
        backbone = try Backbones.make(.efficientNetLite0, weights: bundle, prefix: "backbone.")
        let weight = try bundle.tensor("head.classifier.weight", shape: [1000, 1280])
        let bias = try bundle.tensor("head.classifier.bias", shape: [1000])
        head = try ClassifierHead(
            pooling: .mean, weight: Tensor(shape: weight.shape, values: weight.floats()),
            bias: Tensor(shape: bias.shape, values: bias.floats()))
    }

    /// The pseudo-random input of the golden script: element i is ((i · 2654435761) mod 2³²) / 2³² · 4 − 2.
    static func pattern() -> Tensor {
        let values = (0..<(224 * 224 * 3)).map { (i: Int) -> Float in
            let hash: UInt64 = (UInt64(i) &* 2_654_435_761) & 0xFFFF_FFFF
            return Float(Double(hash) / 4_294_967_296 * 4 - 2)
        }
        return Tensor(shape: [1, 224, 224, 3], values: values)
    }

    static func input(_ name: String) throws -> Tensor {
        if name == "pattern" { return pattern() }
        let image = try Fixtures.tensor("effnet_\(name)_input")
        return Tensor(shape: [1] + image.shape, values: image.values)
    }

    @Test(arguments: ["pattern", "chelsea", "coffee", "squirrel"])
    func logitsAndFeaturesMatchTheReference(_ name: String) throws {
        let features = try backbone.features(try Self.input(name))
        #expect(features.shape == [1, 1280])
        let wantFeatures = try Fixtures.tensor("effnet_\(name)_features")
        #expect(maxAbsDifference(features.values, wantFeatures.values) <= 1e-3)
        let logits = try head.logits(features)
        #expect(maxAbsDifference(logits, try Fixtures.tensor("effnet_\(name)_logits").values) <= 1e-3)
    }

    /// ImageNet indices: 281 tabby, 282 tiger cat, 285 Egyptian cat, 967 espresso, 335 fox squirrel.
    @Test(arguments: [("chelsea", [281, 282, 285]), ("coffee", [967]), ("squirrel", [335])] as [(String, Set<Int>)])
    func topClassIsTheExpectedOne(_ name: String, expected: Set<Int>) throws {
        let p = try head.probabilities(try backbone.features(try Self.input(name)))
        let top = p.indices.max { p[$0] < p[$1] }!
        #expect(expected.contains(top))
    }

    @Test func aBatchGivesEachFramesOwnFeatures() throws {
        let names = ["chelsea", "coffee", "squirrel", "pattern", "coffee"]
        let frames = try names.map { try Self.input($0) }
        let batch = Tensor(shape: [names.count, 224, 224, 3], values: frames.flatMap(\.values))
        let together = try backbone.features(batch)
        for (i, frame) in frames.enumerated() {
            let alone = try backbone.features(frame)
            #expect(maxAbsDifference(alone.values, Array(together.values[(i * 1280)..<((i + 1) * 1280)])) <= 1e-4)
        }
    }
}
