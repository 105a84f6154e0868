/// A convolution followed by BatchNorm and an activation, named as in the PyTorch source; BatchNorm is
/// folded into the convolution when it loads.
///
/// The PyTorch parameters are `<conv>.weight` `[cout, cin/groups, k, k]` (no conv bias) and
/// `<norm>.weight|bias|running_mean|running_var` `[cout]`. Folding uses
/// `s = γ / √(σ² + ε)`, `W' = W · s`, `b' = β − μ · s`, exact up to rounding. The loaded kernels use the
/// NHWC-friendly layouts `[k, k, cin, cout]` (dense) and `[k, k, c]` (depthwise).
struct ConvBN: Sendable {
    var conv: String
    var norm: String
    var inChannels: Int
    var outChannels: Int
    var kernel: Int
    var stride: Int
    var padding: Padding
    var isDepthwise = false
    var nonlinearity: Nonlinearity
    var epsilon: Float

    var window: Window { Window(kernel: kernel, stride: stride, padding: padding) }

    /// The PyTorch names and shapes this unit reads.
    var parameterShapes: [String: [Int]] {
        var shapes = [conv + ".weight": [outChannels, isDepthwise ? 1 : inChannels, kernel, kernel]]
        for field in ["weight", "bias", "running_mean", "running_var"] {
            shapes[norm + "." + field] = [outChannels]
        }
        return shapes
    }

    /// Loads a dense convolution (groups = 1) with BatchNorm folded in, writing the folded weights straight into
    /// `vc_gemm`'s panels in one pass over the PyTorch layout (model loading is mostly this re-layout).
    func loadDense(_ reader: ParameterReader) throws -> Conv2D {
        precondition(!isDepthwise, "\(conv) is depthwise")
        let (torchWeights, scale, bias) = try loadFolding(reader)
        let taps = kernel * kernel
        let depth = taps * inChannels
        let width = Conv2D.panelWidth
        let panelCount = (outChannels + width - 1) / width
        // Written in panel order, one 16-float panel row after another (the PyTorch rows are read 16 at a time in
        // step instead): writing column by column touched a new cache line with every float and made this loop
        // most of the model's load time.
        let panels = [Float](unsafeUninitializedCapacity: panelCount * depth * width) { panels, initialised in
            torchWeights.withUnsafeBufferPointer { source in
                var next = 0
                for p in 0..<panelCount {
                    let columns = min(width, outChannels - p * width)
                    for tap in 0..<taps {
                        for i in 0..<inChannels {
                            let k = i * taps + tap
                            for j in 0..<width {
                                let o = p * width + j
                                panels[next] = j < columns ? source[o * depth + k] * scale[o] : 0
                                next += 1
                            }
                        }
                    }
                }
            }
            initialised = panelCount * depth * width
        }
        var direct: [Float] = []
        if Conv2D.usesDirectKernel(window: window, depth: depth, outChannels: outChannels) {
            direct = [Float](repeating: 0, count: depth * outChannels)
            for o in 0..<outChannels {
                for k in 0..<depth { direct[k * outChannels + o] = panels[((o / width) * depth + k) * width + o % width] }
            }
        }
        return Conv2D(
            inChannels: inChannels, outChannels: outChannels, window: window, panels: panels, directWeights: direct,
            bias: bias, nonlinearity: nonlinearity)
    }

    /// Loads a depthwise convolution with BatchNorm folded in.
    func loadDepthwise(_ reader: ParameterReader) throws -> DepthwiseConv2D {
        precondition(isDepthwise && inChannels == outChannels, "\(conv) is not depthwise")
        let (torchWeights, scale, bias) = try loadFolding(reader)
        var weights = [Float](repeating: 0, count: torchWeights.count)
        let taps = kernel * kernel
        for c in 0..<outChannels {
            for tap in 0..<taps {
                weights[tap * outChannels + c] = torchWeights[c * taps + tap] * scale[c]
            }
        }
        return DepthwiseConv2D(
            channels: outChannels, window: window, weights: weights, bias: bias, nonlinearity: nonlinearity)
    }

    /// The PyTorch-layout weights, the per-channel BatchNorm scale, and the folded bias.
    private func loadFolding(_ reader: ParameterReader) throws -> (weights: [Float], scale: [Float], bias: [Float]) {
        let shapes = parameterShapes
        func read(_ name: String) throws -> [Float] { try reader.floats(name, shape: shapes[name]!) }
        let weights = try read(conv + ".weight")
        let gamma = try read(norm + ".weight")
        let beta = try read(norm + ".bias")
        let mean = try read(norm + ".running_mean")
        let variance = try read(norm + ".running_var")
        let scale = (0..<outChannels).map { gamma[$0] / (variance[$0] + epsilon).squareRoot() }
        let bias = (0..<outChannels).map { beta[$0] - mean[$0] * scale[$0] }
        return (weights, scale, bias)
    }
}
