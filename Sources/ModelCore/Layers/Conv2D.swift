import CBLAS
import CKernels

/// A dense (groups = 1) 2-D convolution with bias, optional residual and activation fused in the epilogue.
///
/// Computed as a matrix product over the whole batch: NHWC input rows (one per output pixel) times the
/// weights `[k·k·cin, cout]`. A 1×1 stride-1 convolution multiplies the activation directly
/// (`[n·h·w, cin] × [cin, cout]`); other kernels unfold windows (im2col) into the workspace in chunks of at
/// most `columnBudget` floats so memory stays bounded. Cost: n·ho·wo·k²·cin·cout multiply-adds in
/// OpenBLAS `sgemm`, plus one pass over the output for bias, residual and activation.
struct Conv2D: Layer {
    let inChannels: Int
    let outChannels: Int
    let window: Window
    /// `[kernel, kernel, inChannels, outChannels]` row-major (the im2col column order, then cout).
    let weights: [Float]
    let bias: [Float]
    let nonlinearity: Nonlinearity

    /// Floats of im2col scratch per chunk (16 MiB).
    static let columnBudget = 1 << 22

    init(inChannels: Int, outChannels: Int, window: Window, weights: [Float], bias: [Float], nonlinearity: Nonlinearity) {
        precondition(weights.count == window.kernel * window.kernel * inChannels * outChannels, "Conv2D weight count")
        precondition(bias.count == outChannels, "Conv2D bias count")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.window = window
        self.weights = weights
        self.bias = bias
        self.nonlinearity = nonlinearity
    }

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        try callAsFunction(input, adding: nil, keeping: [], in: workspace)
    }

    /// Runs the convolution and adds `residual` (same shape as the output) before the activation;
    /// the output avoids the buffers of `input`, `residual` and `live`.
    func callAsFunction(
        _ input: FeatureMap, adding residual: FeatureMap?, keeping live: [FeatureMap], in workspace: Workspace
    ) throws -> FeatureMap {
        guard input.shape.channels == inChannels else {
            throw ModelError.shape("conv2d", expects: "input [n, h, w, \(inChannels)]", got: input.shape.dimensions)
        }
        let shape = try window.checkedOutputShape(for: input.shape, channels: outChannels, operation: "conv2d")
        if let residual, residual.shape != shape {
            throw ModelError.shape("residual add", expects: "\(shape.dimensions)", got: residual.shape.dimensions)
        }
        var avoid = live + [input]
        if let residual { avoid.append(residual) }
        let output = workspace.output(shape, avoiding: avoid)
        multiply(input, into: output, workspace: workspace)
        let residualPointer = residual.map { UnsafePointer($0.pointer) }
        parallelRanges(shape.pixels, minimumPerThread: 64) { rows in
            vc_bias_activation(
                output.pointer, outChannels, bias, residualPointer, nonlinearity.kernelValue, rows.lowerBound,
                rows.upperBound)
        }
        return output
    }

    /// output = unfold(input) × weights (no bias yet).
    private func multiply(_ input: FeatureMap, into output: FeatureMap, workspace: Workspace) {
        let n = Int32(outChannels)
        if window.isPointwise {
            sgemm(rows: output.shape.pixels, depth: inChannels, a: input.pointer, c: output.pointer)
            return
        }
        var geometry = window.kernelWindow(for: input.shape)
        let depth = window.kernel * window.kernel * inChannels
        let chunk = max(1, Conv2D.columnBudget / depth)
        workspace.columns.reserve(min(chunk, output.shape.pixels) * depth)
        let columns = workspace.columns.pointer
        var start = 0
        while start < output.shape.pixels {
            let end = min(start + chunk, output.shape.pixels)
            parallelRanges(end - start, minimumPerThread: 256) { rows in
                vc_im2col(
                    input.pointer, &geometry, columns + rows.lowerBound * depth, start + rows.lowerBound,
                    start + rows.upperBound)
            }
            sgemm(rows: end - start, depth: depth, a: columns, c: output.pointer + start * Int(n))
            start = end
        }
    }

    /// c[rows, cout] = a[rows, depth] × weights[depth, cout].
    private func sgemm(rows: Int, depth: Int, a: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(outChannels), Int32(depth), 1, a,
            Int32(depth), weights, Int32(outChannels), 0, c, Int32(outChannels))
    }
}
