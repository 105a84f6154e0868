import CKernels

/// c[rows, columns] = act(a[rows, depth] × w[depth, columns] + bias + residual) through `vc_gemm`, where `panels`
/// holds all of w as `Conv2D.pack` lays it out, `columns` starts on a panel boundary, `a` rows are `depth` floats
/// apart, and `c` and `residual` point at the block's first element with rows `ldc` floats apart. The one call
/// every dense convolution (2-D and 3-D) makes per chunk of output rows.
func packedProduct(
    _ a: UnsafePointer<Float>, rows: Int, depth: Int, panels: [Float], bias: [Float], columns: Range<Int>,
    adding residual: UnsafePointer<Float>? = nil, ldc: Int, nonlinearity: Nonlinearity,
    into c: UnsafeMutablePointer<Float>
) {
    panels.withUnsafeBufferPointer { w in
        bias.withUnsafeBufferPointer { b in
            vc_gemm(
                a, depth, rows, depth, w.baseAddress! + columns.lowerBound * depth, columns.count,
                b.baseAddress! + columns.lowerBound, residual, ldc, nonlinearity.kernelValue, c)
        }
    }
}
