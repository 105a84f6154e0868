import CKernels

/// A dense 3-D convolution with bias and an optional ReLU fused: I3D's `Unit3D` once BatchNorm is folded in.
///
/// Computed like `Conv2D`, as a matrix product: each output position's window, unfolded in (kt, ky, kx, cin)
/// order, times the weights `[kt·kh·kw·cin, cout]` — exactly a Flax/TensorFlow DHWIO kernel read row-major —
/// held in 16-column panels for `vc_gemm`, which adds the bias and applies the activation as it stores. A
/// pointwise convolution multiplies the activation in place; others unfold L2-sized chunks of rows into
/// per-thread scratch first. The output may be a channel slice of a wider activation (an Inception module's
/// concatenation): rows are then `outputStride` floats apart, and no copy is needed to concatenate.
/// Cost: positions·kt·kh·kw·cin·cout multiply-adds.
struct Conv3D: Sendable {
    let inChannels: Int
    let outChannels: Int
    let window: VolumeWindow
    /// The weights as ⌈outChannels / 16⌉ panels of `[depth, 16]`, zero-padded (see `vc_gemm`).
    let panels: [Float]
    let bias: [Float]
    let nonlinearity: Nonlinearity

    /// - Parameter weights: `[kt, kh, kw, inChannels, outChannels]` row-major.
    init(
        inChannels: Int, outChannels: Int, window: VolumeWindow, weights: [Float], bias: [Float],
        nonlinearity: Nonlinearity
    ) {
        precondition(
            weights.count == window.kernel.volume * inChannels * outChannels,
            "Conv3D needs kt·kh·kw·inChannels·outChannels weights")
        precondition(bias.count == outChannels, "Conv3D needs one bias per output channel")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.window = window
        self.bias = bias
        self.nonlinearity = nonlinearity
        panels = Conv2D.pack(weights, depth: window.kernel.volume * inChannels, columns: outChannels)
    }

    /// The rows of the product: kt·kh·kw·cin.
    var depth: Int { window.kernel.volume * inChannels }

    /// Rows per unfolded chunk: as many as keep the chunk and its output within 64 Ki floats (about L2), at
    /// least 16 so each weight panel is reused over a useful number of rows.
    var chunkRows: Int { max(16, Conv2D.chunkBudget / max(outChannels, depth)) }

    /// The output shape for `input`.
    func outputShape(for input: VolumeShape) throws -> VolumeShape {
        guard input.channels == inChannels else {
            throw ModelError.shape("conv3d", expects: "input [n, t, h, w, \(inChannels)]", got: input.dimensions)
        }
        return try window.outputShape(for: input, channels: outChannels, operation: "conv3d")
    }

    /// Runs the convolution on `input` for the output positions `positions` (all of them when nil), writing
    /// position r's channels at `output + (r − positions.lowerBound) · outputStride`.
    func run(
        _ input: Volume, positions: Range<Int>? = nil, into output: UnsafeMutablePointer<Float>, outputStride: Int,
        workspace: ClipWorkspace
    ) throws {
        let all = 0..<(try outputShape(for: input.shape)).positions
        let positions = positions ?? all
        precondition(all.lowerBound <= positions.lowerBound && positions.upperBound <= all.upperBound, "positions out of range")
        let output = output - positions.lowerBound * outputStride
        let depth = self.depth
        let chunk = chunkRows
        let unfold = !window.isPointwise
        if unfold { workspace.columns.reserve(workspace.threads * chunk * depth) }
        let geometry = window.kernelWindow(for: input.shape)
        let columns = workspace.columns.pointer
        parallelRanges(positions.count, on: workspace.compute, minimumPerThread: 32) { part, range in
            var geometry = geometry
            let scratch = columns + part * chunk * depth
            let rows = (positions.lowerBound + range.lowerBound)..<(positions.lowerBound + range.upperBound)
            for start in stride(from: rows.lowerBound, to: rows.upperBound, by: chunk) {
                let count = min(chunk, rows.upperBound - start)
                if unfold { vc_im2col3d(input.pointer, &geometry, scratch, start, start + count) }
                let a = unfold ? UnsafePointer(scratch) : UnsafePointer(input.pointer + start * inChannels)
                packedProduct(
                    a, rows: count, depth: depth, panels: panels, bias: bias, columns: 0..<outChannels,
                    ldc: outputStride, nonlinearity: nonlinearity, into: output + start * outputStride)
            }
        }
    }

    /// Runs the convolution into a fresh trunk buffer of `workspace`.
    func callAsFunction(_ input: Volume, in workspace: ClipWorkspace) throws -> Volume {
        let output = workspace.trunkOutput(try outputShape(for: input.shape), avoiding: input)
        try run(input, into: output.pointer, outputStride: outChannels, workspace: workspace)
        return output
    }
}
