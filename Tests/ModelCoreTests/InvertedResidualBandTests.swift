import Testing

@testable import ModelCore

/// The banded inverted-residual path gives exactly the layered path's output: same kernels, same operands,
/// same order, only the memory the expanded rows live in differs.
@Suite struct InvertedResidualBandTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var shape: [Int], expansion: Int, kernel: Int, stride: Int, out: Int
        var testDescription: String { "\(shape) ×\(expansion) k\(kernel) s\(stride) → \(out)" }
    }

    /// A block with random weights; `bandBudget` decides the path.
    static func block(_ c: Case, bandBudget: Int) throws -> InvertedResidual {
        let cin = c.shape[3], hidden = cin * c.expansion
        let expand = try KernelTests.unit(
            cin: cin, cout: hidden, kernel: 1, stride: 1, tfSame: true, padding: 0, depthwise: false, .relu6, seed: 7)
        let depthwise = try KernelTests.unit(
            cin: hidden, cout: hidden, kernel: c.kernel, stride: c.stride, tfSame: true, padding: 0, depthwise: true,
            .relu6, seed: 8)
        let project = try KernelTests.unit(
            cin: hidden, cout: c.out, kernel: 1, stride: 1, tfSame: true, padding: 0, depthwise: false, .none, seed: 9)
        return InvertedResidual(
            expand: try expand.0.loadDense(expand.reader), depthwise: try depthwise.0.loadDepthwise(depthwise.reader),
            project: try project.0.loadDense(project.reader), hasShortcut: c.stride == 1 && cin == c.out,
            bandBudget: bandBudget)
    }

    @Test(arguments: [
        Case(shape: [2, 13, 11, 8], expansion: 6, kernel: 3, stride: 1, out: 8),  // shortcut
        Case(shape: [2, 13, 11, 8], expansion: 6, kernel: 3, stride: 2, out: 16),
        Case(shape: [1, 17, 9, 8], expansion: 4, kernel: 5, stride: 2, out: 12),
        Case(shape: [2, 16, 10, 16], expansion: 3, kernel: 5, stride: 1, out: 16),  // shortcut, k − s = 4 rows slid
    ])
    func bandsMatchLayers(_ c: Case) throws {
        var random = SeededGenerator(seed: 41)
        let x = Tensor(shape: c.shape, values: random.floats(c.shape.reduce(1, *), in: -2...2))
        let hidden = c.shape[3] * c.expansion
        // Room for about k + 1 expanded rows: several bands per frame, each sliding rows from the previous one.
        let banded = try Self.block(c, bandBudget: (c.kernel + 1) * c.shape[2] * hidden)
        let layered = try Self.block(c, bandBudget: 1 << 40)
        #expect(banded.runsInBands(try FeatureShape(x, operation: "test")))
        #expect(!layered.runsInBands(try FeatureShape(x, operation: "test")))
        let reference = try run(layered, on: x, threads: 1)
        for threads in [1, 2, 3] {
            let y = try run(banded, on: x, threads: threads)
            #expect(y.shape == reference.shape)
            #expect(y.values == reference.values, "threads: \(threads)")
        }
    }
}
