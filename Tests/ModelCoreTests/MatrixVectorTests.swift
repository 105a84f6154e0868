import Testing

@testable import ModelCore

/// The head's matrix–vector products against textbook loops, on shapes whose lengths are not multiples of the
/// eight SIMD lanes.
@Suite struct MatrixVectorTests {
    let rows = 7
    let columns = 21

    private func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 37 + seed * 11) % 23) / 7 - 1.5 }
    }

    @Test func multiplyAddMatchesRowDots() {
        let (a, x) = (values(rows * columns, seed: 1), values(columns, seed: 2))
        var y = values(rows, seed: 3)
        let expected = (0..<rows).map { r in y[r] + 0.5 * (0..<columns).reduce(0) { $0 + a[r * columns + $1] * x[$1] } }
        MatrixVector.multiplyAdd(a, rows: rows, columns: columns, x, scale: 0.5, into: &y)
        #expect(zip(y, expected).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func transposedMultiplyAddMatchesColumnDots() {
        let (a, x) = (values(rows * columns, seed: 4), values(rows, seed: 5))
        var y = values(columns, seed: 6)
        let expected = (0..<columns).map { c in y[c] - 2 * (0..<rows).reduce(0) { $0 + a[$1 * columns + c] * x[$1] } }
        MatrixVector.transposedMultiplyAdd(a, rows: rows, columns: columns, x, scale: -2, into: &y)
        #expect(zip(y, expected).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func outerProductAddsEveryPair() {
        let (u, v) = (values(rows, seed: 7), values(columns, seed: 8))
        var a = values(rows * columns, seed: 9)
        let expected = (0..<rows * columns).map { a[$0] + 3 * u[$0 / columns] * v[$0 % columns] }
        MatrixVector.addOuterProduct(u, v, scale: 3, to: &a)
        #expect(zip(a, expected).allSatisfy { abs($0 - $1) < 1e-4 })
    }
}
