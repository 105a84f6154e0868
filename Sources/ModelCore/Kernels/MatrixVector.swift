/// The matrix–vector products of the classifier head and its gradients, for row-major `[rows, columns]` matrices.
///
/// They are small (1000 × 1280 at most, about a third of a millisecond each) and run once per clip or per training
/// example, so plain loops over SIMD lanes do: this is what lets the process do without a BLAS library, whose
/// worker threads spin on `sched_yield` after every call and took a core from the decoders (measured: 0.1 s of
/// system time per classified clip on two cores).
enum MatrixVector {
    /// y += scale · A x, with A `[rows, columns]`, x `[columns]`, y `[rows]`.
    static func multiplyAdd(
        _ a: [Float], rows: Int, columns: Int, _ x: [Float], scale: Float = 1, into y: inout [Float]
    ) {
        precondition(a.count == rows * columns && x.count == columns && y.count == rows)
        a.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { x in
                for row in 0..<rows {
                    y[row] += scale * dot(UnsafeBufferPointer(rebasing: a[row * columns..<(row + 1) * columns]), x)
                }
            }
        }
    }

    /// y += scale · Aᵀ x, with A `[rows, columns]`, x `[rows]`, y `[columns]`.
    static func transposedMultiplyAdd(
        _ a: [Float], rows: Int, columns: Int, _ x: [Float], scale: Float = 1, into y: inout [Float]
    ) {
        precondition(a.count == rows * columns && x.count == rows && y.count == columns)
        a.withUnsafeBufferPointer { a in
            y.withUnsafeMutableBufferPointer { y in
                for row in 0..<rows where x[row] != 0 {
                    addScaled(UnsafeBufferPointer(rebasing: a[row * columns..<(row + 1) * columns]), scale * x[row], to: y)
                }
            }
        }
    }

    /// A += scale · u vᵀ (a rank-1 update), with A `[u.count, v.count]`.
    static func addOuterProduct(_ u: [Float], _ v: [Float], scale: Float = 1, to a: inout [Float]) {
        precondition(a.count == u.count * v.count)
        let columns = v.count
        v.withUnsafeBufferPointer { v in
            a.withUnsafeMutableBufferPointer { a in
                for row in u.indices where u[row] != 0 {
                    addScaled(v, scale * u[row], to: UnsafeMutableBufferPointer(rebasing: a[row * columns..<(row + 1) * columns]))
                }
            }
        }
    }

    /// Σ aᵢ bᵢ, summed in eight lanes (so the loop vectorises) and then across them. A separate multiply and add,
    /// not `addProduct`: the fused form has no instruction in the baseline x86-64 target, so it became eight calls
    /// to libm's `fmaf` per step (5 ms of a 1000-class head, at the very end of every classification).
    private static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Float {
        var lanes = SIMD8<Float>()
        let whole = a.count / 8 * 8
        var i = 0
        while i < whole {
            lanes += simd8(a, i) * simd8(b, i)
            i += 8
        }
        var sum = lanes.sum()
        while i < a.count {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// y += s · x, elementwise.
    private static func addScaled(_ x: UnsafeBufferPointer<Float>, _ s: Float, to y: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { y[i] += s * x[i] }
    }

    private static func simd8(_ p: UnsafeBufferPointer<Float>, _ i: Int) -> SIMD8<Float> {
        SIMD8(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5], p[i + 6], p[i + 7])
    }
}
