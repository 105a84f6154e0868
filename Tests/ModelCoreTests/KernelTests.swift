import Testing
import WeightFiles

@testable import ModelCore

/// Each kernel against `NaiveReference` on small random shapes: odd sizes, strides 1 and 2, TF-SAME and
/// symmetric padding, every fused activation.
@Suite struct KernelTests {
    /// A conv + identity BatchNorm (γ = 1, β = bias, μ = 0, σ² = 1, ε = 0), so loading through `ConvBN`
    /// checks the weight re-layout while the maths stays a plain convolution.
    static func unit(
        cin: Int, cout: Int, kernel: Int, stride: Int, tfSame: Bool, padding: Int, depthwise: Bool,
        _ nonlinearity: Nonlinearity, seed: UInt64
    ) throws -> (ConvBN, reader: ParameterReader, torchWeights: [Float], bias: [Float]) {
        var random = SeededGenerator(seed: seed)
        let spec = ConvBN(
            conv: "c", norm: "n", inChannels: cin, outChannels: cout, kernel: kernel, stride: stride,
            padding: tfSame ? .tfSame : .symmetric(padding), isDepthwise: depthwise, nonlinearity: nonlinearity,
            epsilon: 0)
        let weights = random.floats(cout * (depthwise ? 1 : cin) * kernel * kernel)
        let bias = random.floats(cout)
        let tensors: [String: StoredTensor] = [
            "c.weight": StoredTensor(shape: [cout, depthwise ? 1 : cin, kernel, kernel], values: weights),
            "n.weight": StoredTensor(shape: [cout], values: [Float](repeating: 1, count: cout)),
            "n.bias": StoredTensor(shape: [cout], values: bias),
            "n.running_mean": StoredTensor(shape: [cout], values: [Float](repeating: 0, count: cout)),
            "n.running_var": StoredTensor(shape: [cout], values: [Float](repeating: 1, count: cout)),
        ]
        let reader = ParameterReader(archive: TensorArchive(tensors: tensors), prefix: "", architecture: "test")
        return (spec, reader, weights, bias)
    }

    struct DenseCase: Sendable, CustomTestStringConvertible {
        var shape: [Int], cout: Int, kernel: Int, stride: Int, tfSame: Bool, padding: Int, nonlinearity: Nonlinearity
        var testDescription: String { "\(shape) k\(kernel) s\(stride) \(tfSame ? "same" : "pad \(padding)") → \(cout)" }
    }

    @Test(arguments: [
        DenseCase(shape: [2, 7, 9, 3], cout: 5, kernel: 3, stride: 2, tfSame: true, padding: 0, nonlinearity: .relu6),
        DenseCase(
            shape: [1, 11, 10, 4], cout: 6, kernel: 7, stride: 2, tfSame: false, padding: 3, nonlinearity: .relu),
        DenseCase(shape: [2, 5, 6, 7], cout: 9, kernel: 1, stride: 1, tfSame: false, padding: 0, nonlinearity: .none),
        DenseCase(
            shape: [1, 6, 7, 5], cout: 8, kernel: 1, stride: 2, tfSame: false, padding: 0, nonlinearity: .hardSwish),
        DenseCase(
            shape: [1, 8, 8, 6], cout: 4, kernel: 3, stride: 1, tfSame: false, padding: 1, nonlinearity: .sigmoid),
        DenseCase(shape: [1, 10, 9, 3], cout: 3, kernel: 5, stride: 2, tfSame: true, padding: 0, nonlinearity: .relu6),
        // Few rows (< 64 per thread): threads split the output channels; pointwise and unfolded.
        DenseCase(
            shape: [1, 6, 5, 40], cout: 72, kernel: 1, stride: 1, tfSame: false, padding: 0, nonlinearity: .relu6),
        DenseCase(
            shape: [1, 7, 7, 20], cout: 40, kernel: 3, stride: 1, tfSame: false, padding: 1, nonlinearity: .relu),
        // Direct kernel (k > 1, k²·cin ≤ 32, cout a multiple of 16): stem-like, rows not a multiple of 4 wide.
        DenseCase(
            shape: [2, 11, 9, 3], cout: 32, kernel: 3, stride: 2, tfSame: true, padding: 0, nonlinearity: .relu6),
        DenseCase(
            shape: [1, 7, 10, 3], cout: 16, kernel: 3, stride: 1, tfSame: false, padding: 1, nonlinearity: .relu),
        DenseCase(
            shape: [1, 5, 7, 16], cout: 48, kernel: 1, stride: 1, tfSame: false, padding: 0, nonlinearity: .relu6),
    ])
    func denseConvolutionMatchesLoops(_ c: DenseCase) throws {
        let (spec, reader, weights, bias) = try Self.unit(
            cin: c.shape[3], cout: c.cout, kernel: c.kernel, stride: c.stride, tfSame: c.tfSame, padding: c.padding,
            depthwise: false, c.nonlinearity, seed: UInt64(c.kernel * 31 + c.cout))
        #expect(try spec.loadDense(reader).isDirect == (c.cout % 16 == 0 && c.kernel > 1), "cases cover both paths")
        var random = SeededGenerator(seed: 99)
        let x = Tensor(shape: c.shape, values: random.floats(c.shape.reduce(1, *), in: -3...3))
        let got = try run(try spec.loadDense(reader), on: x)
        let want = NaiveReference.conv(
            x, torchWeights: weights, bias: bias, cout: c.cout, kernel: c.kernel, stride: c.stride, groups: 1,
            tfSame: c.tfSame, padding: c.padding, nonlinearity: c.nonlinearity)
        #expect(got.shape == want.shape)
        // Float32 sums of k²·cin products in a different order: allow 1e-5 relative to the largest output.
        let scale = max(1, want.values.map(abs).max() ?? 0)
        #expect(maxAbsDifference(got.values, want.values) <= 1e-5 * scale)
    }

    struct DepthwiseCase: Sendable, CustomTestStringConvertible {
        var shape: [Int], kernel: Int, stride: Int, tfSame: Bool, nonlinearity: Nonlinearity, threads = 2
        var testDescription: String {
            "\(shape) k\(kernel) s\(stride) \(tfSame ? "same" : "symmetric"), \(threads) threads"
        }
    }

    @Test(arguments: [
        DepthwiseCase(shape: [2, 9, 8, 19], kernel: 3, stride: 2, tfSame: true, nonlinearity: .relu6),
        DepthwiseCase(shape: [1, 10, 11, 33], kernel: 5, stride: 2, tfSame: true, nonlinearity: .relu6),
        DepthwiseCase(shape: [1, 7, 7, 16], kernel: 5, stride: 1, tfSame: true, nonlinearity: .none),
        DepthwiseCase(shape: [2, 8, 9, 20], kernel: 3, stride: 1, tfSame: false, nonlinearity: .relu),
        DepthwiseCase(shape: [1, 9, 9, 8], kernel: 3, stride: 2, tfSame: false, nonlinearity: .hardSwish),
        DepthwiseCase(shape: [1, 4, 5, 3], kernel: 5, stride: 1, tfSame: false, nonlinearity: .sigmoid),
        DepthwiseCase(shape: [1, 6, 13, 32], kernel: 3, stride: 1, tfSame: true, nonlinearity: .relu6),
        DepthwiseCase(shape: [1, 11, 23, 48], kernel: 5, stride: 2, tfSame: true, nonlinearity: .relu6),
        // The sliding stride-1 kernel: runs of 8 with a shifted last run, rows of 4–7 in runs of 4, channel
        // remainders past a multiple of 8, one thread as well as two.
        DepthwiseCase(shape: [1, 5, 8, 8], kernel: 3, stride: 1, tfSame: true, nonlinearity: .relu6, threads: 1),
        DepthwiseCase(shape: [2, 6, 19, 12], kernel: 5, stride: 1, tfSame: true, nonlinearity: .relu, threads: 1),
        DepthwiseCase(shape: [1, 7, 5, 27], kernel: 5, stride: 1, tfSame: false, nonlinearity: .hardSwish),
        DepthwiseCase(shape: [1, 9, 4, 40], kernel: 3, stride: 1, tfSame: true, nonlinearity: .none, threads: 1),
    ])
    func depthwiseConvolutionMatchesLoops(_ c: DepthwiseCase) throws {
        let channels = c.shape[3]
        let (spec, reader, weights, bias) = try Self.unit(
            cin: channels, cout: channels, kernel: c.kernel, stride: c.stride, tfSame: c.tfSame,
            padding: c.kernel / 2, depthwise: true, c.nonlinearity, seed: UInt64(channels))
        var random = SeededGenerator(seed: 5)
        let x = Tensor(shape: c.shape, values: random.floats(c.shape.reduce(1, *), in: -3...3))
        let got = try run(try spec.loadDepthwise(reader), on: x, threads: c.threads)
        let want = NaiveReference.conv(
            x, torchWeights: weights, bias: bias, cout: channels, kernel: c.kernel, stride: c.stride,
            groups: channels, tfSame: c.tfSame, padding: c.kernel / 2, nonlinearity: c.nonlinearity)
        #expect(got.shape == want.shape)
        #expect(maxAbsDifference(got.values, want.values) <= 1e-5)
    }

    @Test(arguments: [[2, 5, 7, 6], [1, 5, 7, 40], [1, 16, 12, 24]])
    func residualIsAddedBeforeTheActivation(shape: [Int]) throws {
        let (spec, reader, weights, bias) = try Self.unit(
            cin: shape[3], cout: shape[3], kernel: 3, stride: 1, tfSame: false, padding: 1, depthwise: false, .relu,
            seed: 3)
        var random = SeededGenerator(seed: 8)
        let x = Tensor(shape: shape, values: random.floats(shape.reduce(1, *)))
        let conv = try spec.loadDense(reader)
        let workspace = Workspace()
        workspace.compute = .process.withThreads(2)
        let input = workspace.output(try FeatureShape(x, operation: "test"), avoiding: .none)
        x.values.withUnsafeBufferPointer { input.pointer.update(from: $0.baseAddress!, count: x.count) }
        let y = try conv(input, adding: input, keeping: .none, in: workspace)
        let got = Array(UnsafeBufferPointer(start: y.pointer, count: y.shape.count))
        let want = NaiveReference.conv(
            x, torchWeights: weights, bias: bias, cout: shape[3], kernel: 3, stride: 1, groups: 1, tfSame: false,
            padding: 1, nonlinearity: .relu, residual: x.values)
        #expect(maxAbsDifference(got, want.values) <= 1e-5)
    }

    @Test(arguments: [1, 2, 3])
    func unfoldingRunsInChunksOnAnyThreadCount(threads: Int) throws {
        let (spec, reader, weights, bias) = try Self.unit(
            cin: 3, cout: 4, kernel: 7, stride: 2, tfSame: false, padding: 3, depthwise: false, .relu, seed: 4)
        let conv = try spec.loadDense(reader)
        #expect(80 * 80 > 4 * threads * conv.chunkRows, "each thread must see several chunks")
        var random = SeededGenerator(seed: 11)
        let x = Tensor(shape: [1, 160, 159, 3], values: random.floats(160 * 159 * 3))
        let got = try run(conv, on: x, threads: threads)
        let want = NaiveReference.conv(
            x, torchWeights: weights, bias: bias, cout: 4, kernel: 7, stride: 2, groups: 1, tfSame: false,
            padding: 3, nonlinearity: .relu)
        #expect(maxAbsDifference(got.values, want.values) <= 1e-5)
    }

    @Test func batchNormIsFoldedIntoTheConvolution() throws {
        var random = SeededGenerator(seed: 21)
        let (cin, cout, eps): (Int, Int, Float) = (4, 3, 1e-3)
        let weights = random.floats(cout * cin * 9)
        let gamma = random.floats(cout, in: 0.5...2)
        let beta = random.floats(cout)
        let mean = random.floats(cout)
        let variance = random.floats(cout, in: 0.1...2)
        let archive = TensorArchive(tensors: [
            "conv.weight": StoredTensor(shape: [cout, cin, 3, 3], values: weights),
            "bn.weight": StoredTensor(shape: [cout], values: gamma),
            "bn.bias": StoredTensor(shape: [cout], values: beta),
            "bn.running_mean": StoredTensor(shape: [cout], values: mean),
            "bn.running_var": StoredTensor(shape: [cout], values: variance),
        ])
        let spec = ConvBN(
            conv: "conv", norm: "bn", inChannels: cin, outChannels: cout, kernel: 3, stride: 1, padding: .symmetric(1),
            nonlinearity: .none, epsilon: eps)
        let x = Tensor(shape: [1, 5, 5, cin], values: random.floats(100))
        let got = try run(try spec.loadDense(ParameterReader(archive: archive, prefix: "", architecture: "t")), on: x)
        let plain = NaiveReference.conv(
            x, torchWeights: weights, bias: [Float](repeating: 0, count: cout), cout: cout, kernel: 3, stride: 1,
            groups: 1, tfSame: false, padding: 1, nonlinearity: .none)
        // BatchNorm in eval mode: (y − μ) / √(σ² + ε) · γ + β, per output channel.
        let want = plain.values.enumerated().map { i, y in
            let o = i % cout
            return (y - mean[o]) / (variance[o] + eps).squareRoot() * gamma[o] + beta[o]
        }
        #expect(maxAbsDifference(got.values, want) <= 1e-5)
    }

    @Test(arguments: [(3, 2, 1, true), (3, 2, 1, false), (2, 2, 0, false), (3, 1, 1, true)])
    func poolingMatchesLoops(kernel: Int, stride: Int, padding: Int, isMax: Bool) throws {
        var random = SeededGenerator(seed: UInt64(kernel * 10 + stride))
        let x = Tensor(shape: [2, 9, 8, 5], values: random.floats(720, in: -5...5))
        let layer = Pool2D(
            kind: isMax ? .max : .average, window: Window(kernel: kernel, stride: stride, padding: .symmetric(padding)))
        let got = try run(layer, on: x)
        let want = NaiveReference.pool(x, kernel: kernel, stride: stride, padding: padding, isMax: isMax)
        #expect(got.shape == want.shape)
        #expect(maxAbsDifference(got.values, want.values) <= 1e-6)
    }

    @Test func globalAveragePoolIsTheSpatialMean() throws {
        var random = SeededGenerator(seed: 2)
        let x = Tensor(shape: [3, 5, 7, 6], values: random.floats(630))
        let got = try run(GlobalAveragePool(), on: x)
        #expect(got.shape == [3, 1, 1, 6])
        let want = (0..<18).map { i in
            let (b, c) = (i / 6, i % 6)
            return (0..<35).reduce(Float(0)) { $0 + x.values[(b * 35 + $1) * 6 + c] } / 35
        }
        #expect(maxAbsDifference(got.values, want) <= 1e-6)
    }

    @Test func convolutionRejectsTheWrongChannelCount() throws {
        let (spec, reader, _, _) = try Self.unit(
            cin: 3, cout: 4, kernel: 3, stride: 1, tfSame: true, padding: 0, depthwise: false, .none, seed: 1)
        let x = Tensor.zeros(shape: [1, 224, 224, 4])
        #expect(throws: ModelError(.shapeMismatch, "conv2d expects input [n, h, w, 3], got [1, 224, 224, 4].")) {
            try run(try spec.loadDense(reader), on: x)
        }
    }
}
