import CBLAS
import CKernels

/// The three ways a `Conv2D` runs; `callAsFunction` picks one from the shapes and thread count.
extension Conv2D {
    /// The direct C kernel, output rows split across threads (narrow stems).
    func runDirect(_ input: FeatureMap, into output: FeatureMap, threads: Int) {
        var geometry = window.kernelWindow(for: input.shape)
        parallelRanges(output.shape.batch * output.shape.height, threads: threads, minimumPerThread: 2) { _, rows in
            vc_conv_direct(
                input.pointer, &geometry, Int32(outChannels), weights, bias, nonlinearity.kernelValue,
                output.pointer, rows.lowerBound, rows.upperBound)
        }
    }

    /// Output rows split across threads, each thread working through L2-sized chunks: prefill with
    /// bias (+ residual), unfold the chunk's windows unless pointwise, accumulate with `sgemm`, activate.
    func runSplittingRows(
        _ input: FeatureMap, adding residual: FeatureMap?, into output: FeatureMap, workspace: Workspace
    ) {
        let depth = window.kernel * window.kernel * inChannels
        let chunk = chunkRows
        let unfold = !window.isPointwise
        if unfold { workspace.columns.reserve(workspace.threads * chunk * depth) }
        let geometry = window.kernelWindow(for: input.shape)
        let columns = workspace.columns.pointer
        let residualPointer = residual?.pointer
        parallelRanges(output.shape.pixels, threads: workspace.threads, minimumPerThread: 32) { part, rows in
            var geometry = geometry
            let scratch = columns + part * chunk * depth
            for start in stride(from: rows.lowerBound, to: rows.upperBound, by: chunk) {
                let count = min(chunk, rows.upperBound - start)
                let c = output.pointer + start * outChannels
                vc_bias_fill(c, count, outChannels, outChannels, bias, residualPointer.map { $0 + start * outChannels })
                if unfold {
                    vc_im2col(input.pointer, &geometry, scratch, start, start + count)
                }
                let a = unfold ? UnsafePointer(scratch) : UnsafePointer(input.pointer + start * inChannels)
                accumulate(rows: count, depth: depth, a: a, columns: 0..<outChannels, into: c)
                vc_activate_in_place(c, count * outChannels, nonlinearity.kernelValue)
            }
        }
    }

    /// Output channels split across threads in blocks of 16, for layers with too few rows to share: the
    /// whole (small) input is unfolded once, then each thread multiplies it by its slice of the weights.
    func runSplittingColumns(
        _ input: FeatureMap, adding residual: FeatureMap?, into output: FeatureMap, workspace: Workspace
    ) {
        let rows = output.shape.pixels
        let depth = window.kernel * window.kernel * inChannels
        var a = UnsafePointer(input.pointer)
        if !window.isPointwise {
            var geometry = window.kernelWindow(for: input.shape)
            workspace.columns.reserve(rows * depth)
            vc_im2col(input.pointer, &geometry, workspace.columns.pointer, 0, rows)
            a = UnsafePointer(workspace.columns.pointer)
        }
        let residualPointer = residual?.pointer
        parallelRanges((outChannels + 15) / 16, threads: workspace.threads) { _, blocks in
            let columns = (blocks.lowerBound * 16)..<min(blocks.upperBound * 16, outChannels)
            let c = output.pointer + columns.lowerBound
            bias.withUnsafeBufferPointer { b in
                vc_bias_fill(
                    c, rows, columns.count, outChannels, b.baseAddress! + columns.lowerBound,
                    residualPointer.map { $0 + columns.lowerBound })
            }
            accumulate(rows: rows, depth: depth, a: a, columns: columns, into: c)
            for r in 0..<rows {
                vc_activate_in_place(c + r * outChannels, columns.count, nonlinearity.kernelValue)
            }
        }
    }

    /// c[rows, columns] += a[rows, depth] × weights[depth, columns], where `c` points at the block's
    /// first element and rows are `outChannels` apart (single-threaded OpenBLAS).
    private func accumulate(
        rows: Int, depth: Int, a: UnsafePointer<Float>, columns: Range<Int>, into c: UnsafeMutablePointer<Float>
    ) {
        weights.withUnsafeBufferPointer { w in
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(columns.count), Int32(depth), 1, a,
                Int32(depth), w.baseAddress! + columns.lowerBound, Int32(outChannels), 1, c, Int32(outChannels))
        }
    }
}
