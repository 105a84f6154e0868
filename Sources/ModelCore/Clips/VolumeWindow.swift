import CKernels

/// A 3-D sliding window's size, stride and padding: the geometry shared by `Conv3D` and `MaxPool3D`.
///
/// With `.tfSame` padding every axis follows TensorFlow's rule (output ⌈in / stride⌉, the odd padding cell after
/// the data), which is how the I3D weights were trained; `.symmetric(0)` is TensorFlow's 'VALID'.
struct VolumeWindow: Equatable, Sendable {
    var kernel: Extent3
    var stride: Extent3
    var padding: Padding

    /// A 1×1×1, stride-1 window: the output grid is the input's and no unfolding is needed.
    var isPointwise: Bool {
        kernel == .cube(1) && stride == .cube(1) && padding.resolve(input: 1, kernel: 1, stride: 1) == (1, 0)
    }

    /// The output shape for `input` with `channels` channels, throwing when the window does not fit.
    func outputShape(for input: VolumeShape, channels: Int, operation: String) throws -> VolumeShape {
        let (t, h, w) = resolve(input)
        guard t.output > 0, h.output > 0, w.output > 0 else {
            throw ModelError.shape(
                "\(operation) with a \(kernel) window", expects: "a clip at least that large", got: input.dimensions)
        }
        return VolumeShape(
            batch: input.batch, time: t.output, height: h.output, width: w.output, channels: channels)
    }

    /// The C kernels' description of this window applied to `input` (channels are the input's).
    func kernelWindow(for input: VolumeShape) -> vc_volume_window {
        let (t, h, w) = resolve(input)
        return vc_volume_window(
            batch: Int32(input.batch), in_time: Int32(input.time), in_height: Int32(input.height),
            in_width: Int32(input.width), channels: Int32(input.channels), out_time: Int32(t.output),
            out_height: Int32(h.output), out_width: Int32(w.output), kernel_time: Int32(kernel.time),
            kernel_height: Int32(kernel.height), kernel_width: Int32(kernel.width), stride_time: Int32(stride.time),
            stride_height: Int32(stride.height), stride_width: Int32(stride.width), pad_front: Int32(t.leading),
            pad_top: Int32(h.leading), pad_left: Int32(w.leading))
    }

    private func resolve(_ input: VolumeShape) -> (
        time: (output: Int, leading: Int), height: (output: Int, leading: Int), width: (output: Int, leading: Int)
    ) {
        (
            padding.resolve(input: input.time, kernel: kernel.time, stride: stride.time),
            padding.resolve(input: input.height, kernel: kernel.height, stride: stride.height),
            padding.resolve(input: input.width, kernel: kernel.width, stride: stride.width)
        )
    }
}
