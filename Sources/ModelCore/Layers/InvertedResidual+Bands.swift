import CKernels

/// Row-band execution of an inverted-residual block, so the expanded activation never leaves L2.
///
/// Unfused, a block writes its expanded activation (112·112·96 floats, 4.8 MB, in EfficientNet-Lite0's
/// second block) to memory and reads it back twice; early blocks were memory-bound that way. Here each
/// thread walks its output rows a few at a time: it expands just the input rows the band's depthwise
/// windows need into an L2-sized scratch, filters them into a second scratch, and projects that band
/// straight into the output (residual fused). Expanded rows shared by consecutive bands (k − stride of
/// them) are slid to the front of the scratch instead of being recomputed; only the first band of each
/// thread recomputes its overlap. Results are bit-identical to the layered path's: every value goes through
/// the same kernels with the same operands in the same order.
extension InvertedResidual {
    /// The default `bandBudget`: 64 Ki floats (256 KiB, half of a typical L2).
    static let defaultBandBudget = 1 << 16

    /// Whether to run in bands: only when there is an expansion and its activation exceeds 2.5 band
    /// budgets (640 KiB by default, more than a 512 KiB L2 holds). Smaller ones stay in cache unfused:
    /// EfficientNet-Lite0's 14×14×672 blocks (516 KiB) measured 5% slower in bands, its 28×28×240 ones
    /// (735 KiB) 10–20% faster.
    func runsInBands(_ input: FeatureShape) -> Bool {
        guard let expand else { return false }
        return 2 * input.height * input.width * expand.outChannels > 5 * bandBudget
    }

    /// Runs the whole block band by band into a new workspace buffer (see the extension's summary).
    func runInBands(_ input: FeatureMap, expand: Conv2D, in workspace: Workspace) throws -> FeatureMap {
        guard input.shape.channels == expand.inChannels else {
            throw ModelError.shape(
                "inverted residual", expects: "input [n, h, w, \(expand.inChannels)]", got: input.shape.dimensions)
        }
        let hidden = FeatureShape(
            batch: input.shape.batch, height: input.shape.height, width: input.shape.width,
            channels: expand.outChannels)
        let shape = try depthwise.window.checkedOutputShape(
            for: hidden, channels: project.outChannels, operation: "depthwise conv2d")
        let output = workspace.output(shape, avoiding: [input])
        let plan = BandPlan(
            hidden: hidden, output: shape, window: depthwise.window.kernelWindow(for: hidden), budget: bandBudget)
        workspace.bands.reserve(workspace.threads * plan.scratchFloats)
        let scratch = workspace.bands.pointer
        parallelRanges(shape.batch * shape.height, threads: workspace.threads) { part, rows in
            var band = BandState(scratch: scratch + part * plan.scratchFloats, plan: plan)
            var row = rows.lowerBound
            while row < rows.upperBound {
                let count = min(plan.rows, shape.height - row % shape.height, rows.upperBound - row)
                run(band: row..<(row + count), state: &band, input: input, expand: expand, output: output)
                row += count
            }
        }
        return output
    }

    /// Expands the input rows `rows` (output rows over the batch, within one frame) need that the scratch
    /// does not already hold, then filters and projects them.
    private func run(
        band rows: Range<Int>, state: inout BandState, input: FeatureMap, expand: Conv2D, output: FeatureMap
    ) {
        let plan = state.plan
        let frame = rows.lowerBound / plan.output.height
        let first = rows.lowerBound % plan.output.height, last = first + rows.count
        let window = plan.window
        let top = max(0, first * Int(window.stride) - Int(window.pad_top))
        let bottom = min(
            plan.hidden.height, (last - 1) * Int(window.stride) - Int(window.pad_top) + Int(window.kernel_height))
        let held = state.slide(toFrame: frame, rows: top..<bottom)
        let rowFloats = plan.hidden.width * plan.hidden.channels
        if held < bottom {
            let source = input.pointer + ((frame * plan.hidden.height + held) * plan.hidden.width) * expand.inChannels
            expand.multiply(
                UnsafePointer(source), rows: (bottom - held) * plan.hidden.width, columns: 0..<expand.outChannels,
                adding: nil, into: state.expanded + (held - top) * rowFloats)
        }
        var geometry = window
        geometry.batch = 1
        geometry.in_height = Int32(bottom - top)
        geometry.out_height = Int32(rows.count)
        geometry.pad_top = Int32(top + Int(window.pad_top) - first * Int(window.stride))
        vc_depthwise_conv(
            state.expanded, &geometry, depthwise.weights, depthwise.bias, depthwise.nonlinearity.kernelValue,
            state.filtered, 0, rows.count)
        let offset = rows.lowerBound * plan.output.width * project.outChannels
        project.multiply(
            UnsafePointer(state.filtered), rows: rows.count * plan.output.width, columns: 0..<project.outChannels,
            adding: hasShortcut ? input.pointer + offset : nil, into: output.pointer + offset)
    }
}

/// The geometry of a banded block: the expanded and output shapes, the depthwise window over the whole
/// expanded activation, and how many output rows one band holds.
private struct BandPlan {
    let hidden: FeatureShape
    let output: FeatureShape
    let window: vc_window
    /// Output rows per band: as many as keep the expanded rows they need within the budget (at least one).
    let rows: Int
    /// Expanded rows one band needs: (rows − 1)·stride + k.
    let inputRows: Int

    init(hidden: FeatureShape, output: FeatureShape, window: vc_window, budget: Int) {
        self.hidden = hidden
        self.output = output
        self.window = window
        let (k, s) = (Int(window.kernel_height), Int(window.stride))
        let fit = budget / (hidden.width * hidden.channels)
        rows = min(output.height, max(1, (fit - k) / s + 1))
        inputRows = (rows - 1) * s + k
    }

    /// Floats of scratch per thread: the expanded rows, then the filtered band.
    var expandedFloats: Int { inputRows * hidden.width * hidden.channels }
    var scratchFloats: Int { expandedFloats + rows * output.width * hidden.channels }
}

/// One thread's scratch and which expanded rows it currently holds.
private struct BandState {
    let plan: BandPlan
    /// Expanded rows `held.lowerBound…` of `frame`, starting at the scratch's first row.
    let expanded: UnsafeMutablePointer<Float>
    /// The depthwise output of the current band.
    let filtered: UnsafeMutablePointer<Float>
    private var frame = -1
    private var held = 0..<0

    init(scratch: UnsafeMutablePointer<Float>, plan: BandPlan) {
        self.plan = plan
        expanded = scratch
        filtered = scratch + plan.expandedFloats
    }

    /// Makes the scratch start at row `rows.lowerBound` of `frame`, keeping (moving to the front) rows it
    /// already holds, and returns the first row still to compute.
    mutating func slide(toFrame frame: Int, rows: Range<Int>) -> Int {
        defer { (self.frame, held) = (frame, rows) }
        guard frame == self.frame, held.contains(rows.lowerBound) else { return rows.lowerBound }
        let kept = min(held.upperBound, rows.upperBound) - rows.lowerBound
        let rowFloats = plan.hidden.width * plan.hidden.channels
        UnsafeMutableRawPointer(expanded).copyMemory(
            from: expanded + (rows.lowerBound - held.lowerBound) * rowFloats,
            byteCount: kept * rowFloats * MemoryLayout<Float>.stride)
        return rows.lowerBound + kept
    }
}
