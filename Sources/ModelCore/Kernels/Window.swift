import CKernels

/// How a sliding window pads its input.
///
/// - `tfSame`: TensorFlow "SAME": the output is ⌈in / stride⌉ and the total padding
///   `max((out − 1)·stride + k − in, 0)` is split with the extra row/column at the bottom/right
///   (EfficientNet-Lite's weights were trained this way).
/// - `symmetric(p)`: `p` zeros on every side, output ⌊(in + 2p − k) / stride⌋ + 1 (PyTorch's `padding=p`).
enum Padding: Equatable, Sendable {
    case tfSame
    case symmetric(Int)

    /// The output extent and the leading padding for one spatial axis.
    func resolve(input: Int, kernel: Int, stride: Int) -> (output: Int, leading: Int) {
        switch self {
        case .tfSame:
            let output = (input + stride - 1) / stride
            let total = max((output - 1) * stride + kernel - input, 0)
            return (output, total / 2)
        case .symmetric(let p):
            return ((input + 2 * p - kernel) / stride + 1, p)
        }
    }
}

/// A square sliding window's size, stride and padding: the geometry shared by convolutions and pools.
struct Window: Equatable, Sendable {
    var kernel: Int
    var stride: Int
    var padding: Padding

    /// A 1×1, stride-1, unpadded window: the output pixel grid is the input's.
    var isPointwise: Bool {
        kernel == 1 && stride == 1 && padding.resolve(input: 1, kernel: 1, stride: 1) == (1, 0)
    }

    /// The output shape for `input`, keeping the batch and setting `channels`.
    func outputShape(for input: FeatureShape, channels: Int) -> FeatureShape {
        let h = padding.resolve(input: input.height, kernel: kernel, stride: stride)
        let w = padding.resolve(input: input.width, kernel: kernel, stride: stride)
        return FeatureShape(batch: input.batch, height: h.output, width: w.output, channels: channels)
    }

    /// The output shape for `input`, throwing when the window does not fit inside the (padded) input.
    func checkedOutputShape(for input: FeatureShape, channels: Int, operation: String) throws -> FeatureShape {
        let shape = outputShape(for: input, channels: channels)
        guard shape.height > 0, shape.width > 0 else {
            throw ModelError.shape(
                "\(operation) with a \(kernel)×\(kernel) window", expects: "an input at least that large",
                got: input.dimensions)
        }
        return shape
    }

    /// The C kernels' description of this window applied to `input` (channels are the input's).
    func kernelWindow(for input: FeatureShape) -> vc_window {
        let h = padding.resolve(input: input.height, kernel: kernel, stride: stride)
        let w = padding.resolve(input: input.width, kernel: kernel, stride: stride)
        return vc_window(
            batch: Int32(input.batch), in_height: Int32(input.height), in_width: Int32(input.width),
            channels: Int32(input.channels), out_height: Int32(h.output), out_width: Int32(w.output),
            kernel_height: Int32(kernel), kernel_width: Int32(kernel), stride: Int32(stride),
            pad_top: Int32(h.leading), pad_left: Int32(w.leading))
    }
}
