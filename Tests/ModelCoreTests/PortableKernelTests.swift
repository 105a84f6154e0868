import CKernels
import Testing

@testable import ModelCore

/// The portable C kernels (what arm64 and pre-AVX2 CPUs run) give the same results as the SIMD ones.
///
/// Lowering the level affects only the test's own thread (tests running meanwhile keep the SIMD kernels and
/// their exact results), so the layers run on this thread alone.
@Suite(.serialized) struct PortableKernelTests {
    /// A stem-like direct conv, an im2col conv, a depthwise conv and a max pool, chained.
    static func layers() throws -> [any Layer] {
        let stem = try KernelTests.unit(
            cin: 3, cout: 16, kernel: 3, stride: 2, tfSame: true, padding: 0, depthwise: false, .relu6, seed: 1)
        let wide = try KernelTests.unit(
            cin: 16, cout: 24, kernel: 3, stride: 1, tfSame: false, padding: 1, depthwise: false, .hardSwish, seed: 2)
        let depthwise = try KernelTests.unit(
            cin: 24, cout: 24, kernel: 5, stride: 1, tfSame: true, padding: 0, depthwise: true, .relu, seed: 3)
        return [
            try stem.0.loadDense(stem.reader), try wide.0.loadDense(wide.reader),
            try depthwise.0.loadDepthwise(depthwise.reader),
            Pool2D(kind: .max, window: Window(kernel: 3, stride: 2, padding: .symmetric(1))), GlobalAveragePool(),
        ]
    }

    static func forward(_ x: Tensor) throws -> Tensor {
        try layers().reduce(x) { try run($1, on: $0, threads: 1) }
    }

    @Test func portableAndSIMDKernelsAgree() throws {
        var random = SeededGenerator(seed: 31)
        let x = Tensor(shape: [2, 23, 21, 3], values: random.floats(2 * 23 * 21 * 3, in: -2...2))
        let best = vc_simd_level()
        let simd = try Self.forward(x)
        #expect(vc_limit_simd_level(0) == 0)
        defer { vc_limit_simd_level(Int32.max) }
        let portable = try Self.forward(x)
        #expect(vc_limit_simd_level(Int32.max) == best)
        #expect(portable.shape == [2, 1, 1, 24])
        // The AVX2 variant fuses each multiply-add (one rounding instead of two), so results agree to a
        // few float ulps of the largest value rather than bit for bit.
        let scale = max(1, simd.values.map(abs).max() ?? 0)
        #expect(maxAbsDifference(portable.values, simd.values) <= 4e-6 * scale)
    }
}
