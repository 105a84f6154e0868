import CKernels

/// A depthwise 2-D convolution (one k×k filter per channel) with bias and activation fused.
///
/// The C kernel walks output pixels and keeps blocks of 16 channels in vector registers, so NHWC's
/// contiguous channels are read as vectors. Work is split over output rows across compute threads.
/// Cost: n·ho·wo·k²·c multiply-adds; memory-bound for k = 3.
struct DepthwiseConv2D: Layer {
    let channels: Int
    let window: Window
    /// `[kernel, kernel, channels]` row-major.
    let weights: [Float]
    let bias: [Float]
    let nonlinearity: Nonlinearity

    init(channels: Int, window: Window, weights: [Float], bias: [Float], nonlinearity: Nonlinearity) {
        precondition(
            weights.count == window.kernel * window.kernel * channels, "DepthwiseConv2D needs kernel²·channels weights")
        precondition(bias.count == channels, "DepthwiseConv2D needs one bias per channel")
        self.channels = channels
        self.window = window
        self.weights = weights
        self.bias = bias
        self.nonlinearity = nonlinearity
    }

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        try callAsFunction(input, keeping: .none, in: workspace)
    }

    /// Runs the convolution into a buffer that is neither the input's nor one of `live`.
    func callAsFunction(_ input: FeatureMap, keeping live: LiveMaps, in workspace: Workspace) throws -> FeatureMap {
        guard input.shape.channels == channels else {
            throw ModelError.shape(
                "depthwise conv2d", expects: "input [n, h, w, \(channels)]", got: input.shape.dimensions)
        }
        let shape = try window.checkedOutputShape(for: input.shape, channels: channels, operation: "depthwise conv2d")
        let output = workspace.output(shape, avoiding: live.adding(input))
        var geometry = window.kernelWindow(for: input.shape)
        parallelRanges(shape.batch * shape.height, on: workspace.compute, minimumPerThread: 2) { _, rows in
            vc_depthwise_conv(
                input.pointer, &geometry, weights, bias, nonlinearity.kernelValue, output.pointer, rows.lowerBound,
                rows.upperBound)
        }
        return output
    }
}
