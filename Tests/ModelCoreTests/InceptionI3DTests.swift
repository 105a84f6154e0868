import Foundation
import Testing
import WeightFiles

@testable import ModelCore

/// The I3D clip network against the independent numpy reference (`scripts/i3d_reference.py`): a width-÷8 I3D with
/// random weights, stored exactly as the real Flax checkpoint is (a pickle of numpy arrays), run on a
/// deterministic clip of 16 and of 20 frames at 224² (the smallest size whose trunk ends on a 7×7 grid).
@Suite struct InceptionI3DTests {
    /// x[t, h, w, c] = sin(0.9 t + 0.05 h − 0.03 w + 1.7 c + 0.0001 h w), the reference's input, computed in Double.
    static func clip(frames: Int) -> Tensor {
        var values = [Float](repeating: 0, count: frames * 224 * 224 * 3)
        var index = 0
        for t in 0..<frames {
            for h in 0..<224 {
                for w in 0..<224 {
                    for c in 0..<3 {
                        let (t, h, w, c) = (Double(t), Double(h), Double(w), Double(c))
                        values[index] = Float(sin(0.9 * t + 0.05 * h - 0.03 * w + 1.7 * c + 0.0001 * h * w))
                        index += 1
                    }
                }
            }
        }
        return Tensor(shape: [frames, 224, 224, 3], values: values)
    }

    static func tinyNetwork() throws -> (backbone: any Backbone, archive: TensorArchive) {
        let archive = try WeightFile.read(contentsOf: try Fixtures.path("i3d_tiny", "ckpt"))
        return (try Backbones.makeI3D(plan: .standard(widthDivisor: 8), weights: archive), archive)
    }

    @Test(arguments: [16, 20])
    func featuresAndLogitsMatchTheNumpyReference(frames: Int) throws {
        let (backbone, archive) = try Self.tinyNetwork()
        let features = try backbone.features(Self.clip(frames: frames))
        let expected = try Fixtures.tensor("i3d_tiny_T\(frames)_features")
        #expect(features.shape == Array(expected.shape.dropFirst()))
        #expect(maxAbsDifference(features.values, expected.values) < 1e-3)

        let kernel = try archive.tensor("params/Logits/Conv3d_0c_1x1/Conv_0/kernel", shape: [1, 1, 1, 128, 10]).floats()
        let bias = try archive.tensor("params/Logits/Conv3d_0c_1x1/Conv_0/bias", shape: [10]).floats()
        let positions = features.shape[0]
        let logits = (0..<10).map { k in
            bias[k] + (0..<128).reduce(Float(0)) { sum, f in
                let mean = (0..<positions).reduce(Float(0)) { $0 + features.values[$1 * 128 + f] } / Float(positions)
                return sum + mean * kernel[f * 10 + k]
            }
        }
        let expectedLogits = try Fixtures.tensor("i3d_tiny_T\(frames)_logits")
        #expect(maxAbsDifference(logits, expectedLogits.values) < 1e-3)
    }

    @Test func theRealArchitectureReadsTheFlaxNamesAndShapes() {
        let shapes = Backbones.parameterShapes(.i3d)
        #expect(shapes["params/Conv3d_1a_7x7/Conv_0/kernel"] == [7, 7, 7, 3, 64])
        #expect(shapes["batch_stats/Mixed_5c/Branch_3/Conv3d_0b_1x1/BatchNorm_0/var"] == [1, 1, 1, 1, 128])
        #expect(shapes.count == 4 * 57)
        #expect(BackboneArchitecture.i3d.featureDimension == 1024)
        #expect(BackboneArchitecture.i3d.isClipNetwork && !BackboneArchitecture.efficientNetLite0.isClipNetwork)
    }

    @Test(arguments: [[8, 224, 224, 3], [16, 192, 224, 3], [16, 224, 224, 1]])
    func clipsTooShortOrTooSmallAreRefused(shape: [Int]) throws {
        let (backbone, _) = try Self.tinyNetwork()
        #expect(throws: ModelError.self) { try backbone.features(Tensor.zeros(shape: shape)) }
    }
}
