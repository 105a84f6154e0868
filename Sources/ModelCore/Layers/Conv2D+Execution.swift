import CKernels

/// The three ways a `Conv2D` runs; `callAsFunction` picks one from the shapes and thread count.
extension Conv2D {
    /// The direct C kernel, output rows split across threads (narrow stems).
    func runDirect(_ input: FeatureMap, into output: FeatureMap, on compute: ComputeContext) {
        var geometry = window.kernelWindow(for: input.shape)
        parallelRanges(output.shape.batch * output.shape.height, on: compute, minimumPerThread: 2) { _, rows in
            vc_conv_direct(
                input.pointer, &geometry, Int32(outChannels), weights, bias, nonlinearity.kernelValue,
                output.pointer, rows.lowerBound, rows.upperBound)
        }
    }

    /// Output rows `rows` of one `frame` of `input` on the direct kernel, written from `output` on: the rows an
    /// inverted residual's band needs when this convolution is its expansion (a stem fused into the first
    /// block, so its large output never leaves the cache).
    func runDirect(rows: Range<Int>, of frame: Int, from input: FeatureMap, into output: UnsafeMutablePointer<Float>) {
        var geometry = window.kernelWindow(for: input.shape)
        geometry.batch = 1
        geometry.out_height = Int32(rows.count)
        geometry.pad_top -= Int32(rows.lowerBound) * geometry.stride
        let frameFloats = input.shape.height * input.shape.width * input.shape.channels
        vc_conv_direct(
            input.pointer + frame * frameFloats, &geometry, Int32(outChannels), weights, bias,
            nonlinearity.kernelValue, output, 0, rows.count)
    }

    /// Output rows split across threads, each thread working through L2-sized chunks: unfold the chunk's
    /// windows unless pointwise, then one fused product writes bias + residual + A×W, activated.
    func runSplittingRows(
        _ input: FeatureMap, adding residual: FeatureMap?, into output: FeatureMap, workspace: Workspace
    ) {
        let depth = self.depth
        let chunk = chunkRows
        let unfold = !window.isPointwise
        if unfold { workspace.columns.reserve(workspace.threads * chunk * depth) }
        let geometry = window.kernelWindow(for: input.shape)
        let columns = workspace.columns.pointer
        let residualPointer = residual?.pointer
        parallelRanges(output.shape.pixels, on: workspace.compute, minimumPerThread: 32) { part, rows in
            var geometry = geometry
            let scratch = columns + part * chunk * depth
            for start in stride(from: rows.lowerBound, to: rows.upperBound, by: chunk) {
                let count = min(chunk, rows.upperBound - start)
                if unfold {
                    vc_im2col(input.pointer, &geometry, scratch, start, start + count)
                }
                let a = unfold ? UnsafePointer(scratch) : UnsafePointer(input.pointer + start * inChannels)
                multiply(
                    a, rows: count, columns: 0..<outChannels, adding: residualPointer.map { $0 + start * outChannels },
                    into: output.pointer + start * outChannels)
            }
        }
    }

    /// Output channels split across threads in panels of 16, for layers with too few rows to share: the
    /// whole (small) input is unfolded once, then each thread multiplies it by its panels of the weights.
    func runSplittingColumns(
        _ input: FeatureMap, adding residual: FeatureMap?, into output: FeatureMap, workspace: Workspace
    ) {
        let rows = output.shape.pixels
        var a = UnsafePointer(input.pointer)
        if !window.isPointwise {
            var geometry = window.kernelWindow(for: input.shape)
            workspace.columns.reserve(rows * depth)
            vc_im2col(input.pointer, &geometry, workspace.columns.pointer, 0, rows)
            a = UnsafePointer(workspace.columns.pointer)
        }
        let residualPointer = residual?.pointer
        let panels = (outChannels + Conv2D.panelWidth - 1) / Conv2D.panelWidth
        parallelRanges(panels, on: workspace.compute) { _, blocks in
            let columns =
                (blocks.lowerBound * Conv2D.panelWidth)..<min(blocks.upperBound * Conv2D.panelWidth, outChannels)
            multiply(
                a, rows: rows, columns: columns, adding: residualPointer.map { $0 + columns.lowerBound },
                into: output.pointer + columns.lowerBound)
        }
    }

    /// c[rows, columns] = act(a[rows, depth] × weights[depth, columns] + bias + residual), where `c` and
    /// `residual` point at the block's first element with rows `outChannels` apart and `columns` starts
    /// on a panel boundary.
    private func multiply(
        _ a: UnsafePointer<Float>, rows: Int, columns: Range<Int>, adding residual: UnsafeMutablePointer<Float>?,
        into c: UnsafeMutablePointer<Float>
    ) {
        packedProduct(
            a, rows: rows, depth: depth, panels: panels, bias: bias, columns: columns, adding: residual.map { UnsafePointer($0) },
            ldc: outChannels, nonlinearity: nonlinearity, into: c)
    }
}
