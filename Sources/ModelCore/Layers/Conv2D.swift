import CKernels

/// A dense (groups = 1) 2-D convolution with bias, optional residual and activation fused.
///
/// Computed as a matrix product: NHWC input rows (one per output pixel) times the weights
/// `[k·k·cin, cout]`, held packed in 16-column panels for the register-tiled `vc_gemm` kernel, which
/// writes bias + residual + product and the activation in one pass over the output. A 1×1 stride-1
/// convolution multiplies the activation directly (`[rows, cin] × [cin, cout]`, no copy); other kernels
/// first unfold windows (im2col) into per-thread scratch, in chunks small enough to stay in L2. Output rows
/// are split across the workspace's threads (or, for layers with few rows, the output panels are).
/// Narrow spatial convolutions (k > 1 and k²·cin ≤ `directDepthLimit`, such as an RGB stem) skip both and
/// run a direct C kernel that keeps 6 pixels × 16 channels in registers (`direct_conv_body.h`): unfolding 3
/// channels costs more than the product itself there. EfficientNet-Lite0's stem takes 0.28 ms on one core.
/// Cost: n·ho·wo·k²·cin·cout multiply-adds.
struct Conv2D: Layer {
    let inChannels: Int
    let outChannels: Int
    let window: Window
    /// `[kernel, kernel, inChannels, outChannels]` row-major (the im2col column order, then cout), kept
    /// only for the direct kernel (empty otherwise).
    let weights: [Float]
    /// The same weights as ⌈outChannels / 16⌉ panels of `[depth, 16]`, zero-padded (see `vc_gemm`).
    let panels: [Float]
    let bias: [Float]
    let nonlinearity: Nonlinearity

    init(inChannels: Int, outChannels: Int, window: Window, weights: [Float], bias: [Float], nonlinearity: Nonlinearity)
    {
        precondition(
            weights.count == window.kernel * window.kernel * inChannels * outChannels,
            "Conv2D needs kernel²·inChannels·outChannels weights")
        precondition(bias.count == outChannels, "Conv2D needs one bias per output channel")
        let depth = window.kernel * window.kernel * inChannels
        self.init(
            inChannels: inChannels, outChannels: outChannels, window: window,
            panels: Conv2D.pack(weights, depth: depth, columns: outChannels),
            directWeights: Conv2D.usesDirectKernel(window: window, depth: depth, outChannels: outChannels) ? weights : [],
            bias: bias, nonlinearity: nonlinearity)
    }

    /// Wraps weights already laid out: `panels` as `pack` makes them, and `directWeights` (`[k, k, cin, cout]`)
    /// exactly when `usesDirectKernel` holds for these shapes, empty otherwise.
    init(
        inChannels: Int, outChannels: Int, window: Window, panels: [Float], directWeights: [Float], bias: [Float],
        nonlinearity: Nonlinearity
    ) {
        let depth = window.kernel * window.kernel * inChannels
        precondition(panels.count == (outChannels + Conv2D.panelWidth - 1) / Conv2D.panelWidth * depth * Conv2D.panelWidth)
        precondition(directWeights.isEmpty != Conv2D.usesDirectKernel(window: window, depth: depth, outChannels: outChannels))
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.window = window
        self.bias = bias
        self.nonlinearity = nonlinearity
        self.panels = panels
        self.weights = directWeights
    }

    /// The width of one weight panel (`VC_GEMM_PANEL_WIDTH`).
    static let panelWidth = 16

    /// Rearranges row-major `[depth, columns]` weights into `vc_gemm`'s panels: panel p holds columns
    /// 16p…16p+15 as `[depth, 16]`, zero past the last column.
    static func pack(_ weights: [Float], depth: Int, columns: Int) -> [Float] {
        let panelCount = (columns + panelWidth - 1) / panelWidth
        var panels = [Float](repeating: 0, count: panelCount * depth * panelWidth)
        for p in 0..<panelCount {
            for k in 0..<depth {
                for j in 0..<min(panelWidth, columns - p * panelWidth) {
                    panels[(p * depth + k) * panelWidth + j] = weights[k * columns + p * panelWidth + j]
                }
            }
        }
        return panels
    }

    /// The rows of the product: k²·cin.
    var depth: Int { window.kernel * window.kernel * inChannels }

    /// Floats in one unfolded chunk (columns) or one output chunk: 64 Ki floats, 256 KiB, about L2.
    static let chunkBudget = 1 << 16

    /// The largest k²·cin computed directly instead of as a matrix product.
    static let directDepthLimit = 32

    /// Whether this convolution runs on the direct kernel (without a residual).
    var isDirect: Bool { !weights.isEmpty }

    static func usesDirectKernel(window: Window, depth: Int, outChannels: Int) -> Bool {
        window.kernel > 1 && depth <= directDepthLimit && outChannels % 16 == 0
    }

    /// Below this many output rows per thread, threads split the output channels instead of the rows
    /// (late layers at 7×7 have 49 rows but hundreds of channels).
    static let minimumRowsPerThread = 64

    /// The rows per chunk: as many as fit the budget for both the output and the (unfolded) input, at
    /// least 16 so each weight panel is reused over a useful number of rows.
    var chunkRows: Int { max(16, Conv2D.chunkBudget / max(outChannels, depth)) }

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        try callAsFunction(input, adding: nil, keeping: .none, in: workspace)
    }

    /// Runs the convolution and adds `residual` (same shape as the output) before the activation;
    /// the output avoids the buffers of `input`, `residual` and `live`.
    func callAsFunction(
        _ input: FeatureMap, adding residual: FeatureMap?, keeping live: LiveMaps, in workspace: Workspace
    ) throws -> FeatureMap {
        guard input.shape.channels == inChannels else {
            throw ModelError.shape("conv2d", expects: "input [n, h, w, \(inChannels)]", got: input.shape.dimensions)
        }
        let shape = try window.checkedOutputShape(for: input.shape, channels: outChannels, operation: "conv2d")
        if let residual, residual.shape != shape {
            throw ModelError.shape("residual add", expects: "\(shape.dimensions)", got: residual.shape.dimensions)
        }
        let output = workspace.output(shape, avoiding: live.adding(input).adding(residual))
        if isDirect, residual == nil {
            runDirect(input, into: output, on: workspace.compute)
        } else if workspace.threads > 1, shape.pixels < Conv2D.minimumRowsPerThread * workspace.threads {
            runSplittingColumns(input, adding: residual, into: output, workspace: workspace)
        } else {
            runSplittingRows(input, adding: residual, into: output, workspace: workspace)
        }
        return output
    }
}
