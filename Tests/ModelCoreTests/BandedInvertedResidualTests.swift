import Testing

@testable import ModelCore

/// An inverted residual large enough to run band by band gives the same result as its three layers run one
/// after another (the banded path reorders no sums, so only the threads' split could differ, and it does not).
@Suite struct BandedInvertedResidualTests {
    struct BlockCase: Sendable, CustomTestStringConvertible {
        var shape: [Int], expansion: Int, out: Int, kernel: Int, stride: Int, threads: Int
        /// When set, the expansion is a 3×3 stride-2 stem of this many channels (`expansion` is ignored).
        var stem: Int? = nil
        var testDescription: String {
            let expansion = stem.map { "stem → \($0)" } ?? "×\(self.expansion)"
            return "\(shape) \(expansion) k\(kernel) s\(stride) → \(out), \(threads) threads"
        }
    }

    static func block(_ c: BlockCase) throws -> (InvertedResidual, layers: [any Layer]) {
        let cin = c.shape[3], hidden = c.stem ?? cin * c.expansion
        let expand =
            hidden == cin && c.stem == nil
            ? nil
            : try KernelTests.unit(
                cin: cin, cout: hidden, kernel: c.stem == nil ? 1 : 3, stride: c.stem == nil ? 1 : 2, tfSame: true,
                padding: 0, depthwise: false, .relu6, seed: 11)
        let depthwise = try KernelTests.unit(
            cin: hidden, cout: hidden, kernel: c.kernel, stride: c.stride, tfSame: true, padding: 0, depthwise: true,
            .relu6, seed: 12)
        let project = try KernelTests.unit(
            cin: hidden, cout: c.out, kernel: 1, stride: 1, tfSame: true, padding: 0, depthwise: false, .none, seed: 13)
        let expandLayer = try expand.map { try $0.0.loadDense($0.reader) }
        let depthwiseLayer = try depthwise.0.loadDepthwise(depthwise.reader)
        let projectLayer = try project.0.loadDense(project.reader)
        let block = InvertedResidual(
            expand: expandLayer, depthwise: depthwiseLayer, project: projectLayer,
            hasShortcut: c.stem == nil && c.stride == 1 && cin == c.out)
        let layers: [any Layer] = (expandLayer.map { [$0] } ?? []) + [depthwiseLayer, projectLayer]
        return (block, layers)
    }

    @Test(arguments: [
        BlockCase(shape: [1, 41, 37, 16], expansion: 6, out: 16, kernel: 3, stride: 1, threads: 1),
        BlockCase(shape: [2, 41, 37, 16], expansion: 6, out: 16, kernel: 3, stride: 1, threads: 2),
        BlockCase(shape: [1, 43, 38, 16], expansion: 6, out: 24, kernel: 3, stride: 2, threads: 2),
        BlockCase(shape: [2, 32, 31, 24], expansion: 6, out: 40, kernel: 5, stride: 2, threads: 1),
        BlockCase(shape: [1, 33, 31, 40], expansion: 6, out: 40, kernel: 5, stride: 1, threads: 2),
        BlockCase(shape: [1, 61, 59, 40], expansion: 1, out: 20, kernel: 3, stride: 1, threads: 2),
        BlockCase(shape: [2, 130, 141, 3], expansion: 1, out: 16, kernel: 3, stride: 1, threads: 2, stem: 32),
        BlockCase(shape: [1, 133, 140, 3], expansion: 1, out: 24, kernel: 3, stride: 2, threads: 1, stem: 32),
    ])
    func bandsMatchLayerByLayer(_ c: BlockCase) throws {
        let (block, layers) = try Self.block(c)
        let frame = FeatureShape(batch: 1, height: c.shape[1], width: c.shape[2], channels: c.shape[3])
        #expect(block.bands(for: frame) != nil, "the case runs band by band")
        var random = SeededGenerator(seed: 17)
        let x = Tensor(shape: c.shape, values: random.floats(c.shape.reduce(1, *), in: -2...2))
        // The block picks bands itself, on any number of threads.
        let got = try run(block, on: x, threads: c.threads)
        var want = try layers.reduce(x) { try run($1, on: $0, threads: c.threads) }
        if block.hasShortcut { want = Tensor(shape: want.shape, values: zip(want.values, x.values).map { $0 + $1 }) }
        #expect(got.shape == want.shape)
        let scale = max(1, want.values.map(abs).max() ?? 0)
        #expect(maxAbsDifference(got.values, want.values) <= 1e-5 * scale)
    }

    /// A direct-kernel stem followed by a block without expansion fuses into that block; anything else stays.
    @Test func stemsFuseOnlyIntoBlocksWithoutExpansion() throws {
        let stemmed = try Self.block(
            BlockCase(shape: [1, 130, 141, 3], expansion: 1, out: 16, kernel: 3, stride: 1, threads: 1, stem: 32))
        let plain = try Self.block(
            BlockCase(shape: [1, 61, 59, 32], expansion: 1, out: 16, kernel: 3, stride: 1, threads: 1))
        let expanded = try Self.block(
            BlockCase(shape: [1, 61, 59, 32], expansion: 6, out: 16, kernel: 3, stride: 1, threads: 1))
        let stem = try #require(stemmed.0.expand)
        let fused = InvertedResidual.fusingStems([stem, plain.0, stem, expanded.0])
        #expect(fused.count == 3)
        #expect((fused[0] as? InvertedResidual)?.expand?.isDirect == true)
        #expect(fused[1] is Conv2D)
        #expect((fused[2] as? InvertedResidual)?.expand?.window.isPointwise == true)
    }
}
