import Testing

@testable import ModelCore

/// The clip kernels (`Conv3D`, `MaxPool3D`) against `NaiveVolumeReference` on small random clips: odd extents,
/// strides 1 and 2 per axis, kernels larger than the clip, one and two threads.
@Suite struct VolumeKernelTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var t: Int, h: Int, w: Int, cin: Int, cout: Int
        var kernel: Extent3, stride: Extent3
        var testDescription: String { "[\(t), \(h), \(w), \(cin)] k\(kernel) s\(stride) → \(cout)" }
    }

    static let cases = [
        Case(t: 5, h: 9, w: 7, cin: 3, cout: 8, kernel: .cube(7), stride: .cube(2)),
        Case(t: 4, h: 6, w: 5, cin: 5, cout: 19, kernel: .cube(3), stride: .cube(1)),
        Case(t: 3, h: 8, w: 8, cin: 17, cout: 33, kernel: .cube(1), stride: .cube(1)),
        Case(t: 6, h: 7, w: 9, cin: 4, cout: 16, kernel: Extent3(1, 3, 3), stride: Extent3(1, 2, 2)),
        Case(t: 2, h: 3, w: 2, cin: 6, cout: 7, kernel: .cube(3), stride: .cube(2)),
    ]

    static func volume(_ clip: NaiveVolumeReference.Clip, in workspace: ClipWorkspace) -> Volume {
        let shape = VolumeShape(batch: 1, time: clip.t, height: clip.h, width: clip.w, channels: clip.c)
        let volume = workspace.trunkOutput(shape, avoiding: nil)
        clip.values.withUnsafeBufferPointer { volume.pointer.update(from: $0.baseAddress!, count: shape.count) }
        return volume
    }

    static func values(_ volume: Volume) -> [Float] {
        Array(UnsafeBufferPointer(start: volume.pointer, count: volume.shape.count))
    }

    @Test(arguments: cases, [1, 2])
    func convolutionMatchesTheDefinition(_ c: Case, threads: Int) throws {
        var random = SeededGenerator(seed: UInt64(c.cin * 131 + c.cout))
        let clip = NaiveVolumeReference.Clip(t: c.t, h: c.h, w: c.w, c: c.cin, values: random.floats(c.t * c.h * c.w * c.cin))
        let weights = random.floats(c.kernel.volume * c.cin * c.cout)
        let bias = random.floats(c.cout)
        let conv = Conv3D(
            inChannels: c.cin, outChannels: c.cout, window: VolumeWindow(kernel: c.kernel, stride: c.stride, padding: .tfSame),
            weights: weights, bias: bias, nonlinearity: .relu)
        let workspace = ClipWorkspace()
        workspace.compute = .process.withThreads(threads)
        let output = try conv(Self.volume(clip, in: workspace), in: workspace)
        let expected = NaiveVolumeReference.conv(clip, weights: weights, bias: bias, cout: c.cout, kernel: c.kernel, stride: c.stride)
        #expect(output.shape.dimensions == [1, expected.t, expected.h, expected.w, c.cout])
        #expect(maxAbsDifference(Self.values(output), expected.values) < 1e-4)
    }

    @Test(arguments: cases)
    func maxPoolingMatchesTheDefinition(_ c: Case) throws {
        var random = SeededGenerator(seed: UInt64(c.h * 7 + c.w))
        let clip = NaiveVolumeReference.Clip(t: c.t, h: c.h, w: c.w, c: c.cin, values: random.floats(c.t * c.h * c.w * c.cin))
        let pool = MaxPool3D(kernel: c.kernel, stride: c.stride)
        let workspace = ClipWorkspace()
        workspace.compute = .process.withThreads(2)
        let output = try pool(Self.volume(clip, in: workspace), in: workspace)
        let expected = NaiveVolumeReference.maxPool(clip, kernel: c.kernel, stride: c.stride)
        #expect(output.shape.dimensions == [1, expected.t, expected.h, expected.w, c.cin])
        #expect(Self.values(output) == expected.values)
    }

    @Test func aChannelSliceOutputLeavesTheOtherChannelsAlone() throws {
        var random = SeededGenerator(seed: 5)
        let clip = NaiveVolumeReference.Clip(t: 3, h: 4, w: 4, c: 2, values: random.floats(3 * 4 * 4 * 2))
        let conv = Conv3D(
            inChannels: 2, outChannels: 3, window: VolumeWindow(kernel: .cube(3), stride: .cube(1), padding: .tfSame),
            weights: random.floats(27 * 2 * 3), bias: random.floats(3), nonlinearity: .relu)
        let workspace = ClipWorkspace()
        let input = Self.volume(clip, in: workspace)
        var wide = [Float](repeating: -7, count: 3 * 4 * 4 * 8)
        try wide.withUnsafeMutableBufferPointer { try conv.run(input, into: $0.baseAddress! + 2, outputStride: 8, workspace: workspace) }
        let alone = Self.values(try conv(input, in: workspace))
        for position in 0..<(3 * 4 * 4) {
            #expect(Array(wide[position * 8 + 2..<position * 8 + 5]) == Array(alone[position * 3..<position * 3 + 3]))
            #expect(wide[position * 8..<position * 8 + 2].allSatisfy { $0 == -7 })
            #expect(wide[position * 8 + 5..<position * 8 + 8].allSatisfy { $0 == -7 })
        }
    }

    @Test(arguments: [1, 2])
    func theFramePooledConvolutionEqualsConvolutionThenPool(threads: Int) throws {
        var random = SeededGenerator(seed: 9)
        let clip = NaiveVolumeReference.Clip(t: 5, h: 11, w: 9, c: 3, values: random.floats(5 * 11 * 9 * 3))
        let conv = Conv3D(
            inChannels: 3, outChannels: 20, window: VolumeWindow(kernel: .cube(7), stride: .cube(2), padding: .tfSame),
            weights: random.floats(343 * 3 * 20), bias: random.floats(20), nonlinearity: .relu)
        let pool = MaxPool3D(kernel: Extent3(1, 3, 3), stride: Extent3(1, 2, 2))
        let workspace = ClipWorkspace()
        workspace.compute = .process.withThreads(threads)
        let fused = Self.values(try FramePooledConv3D(conv: conv, pool: pool)(Self.volume(clip, in: workspace), in: workspace))
        let separate = try pool(try conv(Self.volume(clip, in: workspace), in: workspace), in: workspace)
        #expect(fused == Self.values(separate))
        #expect(separate.shape.dimensions == [1, 3, 3, 3, 20])
    }
}
