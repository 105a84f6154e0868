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

    /// Pools `input` into `output`, which must hold `outputShape(for: input.shape)`.
    func run(_ input: Volume, into output: Volume, threads: Int) {
        let geometry = window.kernelWindow(for: input.shape)
        let rows = output.shape.batch * output.shape.time * output.shape.height
        parallelRanges(rows, threads: threads, minimumPerThread: 4) { _, range in
            var geometry = geometry
            vc_max_pool3d(input.pointer, &geometry, output.pointer, range.lowerBound, range.upperBound)
        }
    }

    /// Pools `input` into a fresh trunk buffer of `workspace`.
    func callAsFunction(_ input: Volume, in workspace: ClipWorkspace) throws -> Volume {
        let output = workspace.trunkOutput(try outputShape(for: input.shape), avoiding: input)
        run(input, into: output, threads: workspace.threads)
        return output
    }
}
