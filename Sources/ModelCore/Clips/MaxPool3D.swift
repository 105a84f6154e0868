import CKernels

/// 3-D max pooling with TensorFlow 'SAME' padding: padded cells count as −∞, so each output is the largest
/// in-clip value under its window. Output rows (batch·time·height) are split across the workspace's threads.
/// Cost: positions·kt·kh·kw·channels comparisons.
struct MaxPool3D: Sendable {
    let window: VolumeWindow

    init(kernel: Extent3, stride: Extent3) {
        window = VolumeWindow(kernel: kernel, stride: stride, padding: .tfSame)
    }

    /// The output shape for `input` (channels unchanged).
    func outputShape(for input: VolumeShape) throws -> VolumeShape {
        try window.outputShape(for: input, channels: input.channels, operation: "max_pool3d")
    }

    /// Pools `input` (of `shape`) into `output`, which must have room for `outputShape(for: shape)`.
    func run(_ input: UnsafePointer<Float>, shape: VolumeShape, into output: UnsafeMutablePointer<Float>, compute: ComputeContext) {
        let geometry = window.kernelWindow(for: shape)
        let rows = shape.batch * Int(geometry.out_time) * Int(geometry.out_height)
        parallelRanges(rows, on: compute, minimumPerThread: 4) { _, range in
            var geometry = geometry
            vc_max_pool3d(input, &geometry, output, range.lowerBound, range.upperBound)
        }
    }

    /// Pools `input` into a fresh trunk buffer of `workspace`.
    func callAsFunction(_ input: Volume, in workspace: ClipWorkspace) throws -> Volume {
        let output = workspace.trunkOutput(try outputShape(for: input.shape), avoiding: input)
        run(input.pointer, shape: input.shape, into: output.pointer, compute: workspace.compute)
        return output
    }
}
