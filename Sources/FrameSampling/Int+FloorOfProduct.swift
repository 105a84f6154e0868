extension Int {
    /// `⌊a · b / d⌋` computed exactly for non-negative `a`, `b` and positive `d`, however large the product.
    ///
    /// The product is formed in 128 bits (`multipliedFullWidth`) and divided back (`dividingFullWidth`), so no
    /// intermediate can overflow or round: `floorOfProduct(2 * i + 1, n, dividedBy: 2 * t)` is the exact TSN
    /// centre `⌊(i + ½) · n / t⌋` for any frame count `n`, where `Double((Double(i) + 0.5) * n / t)` can land one
    /// below an integer. The quotient must fit in an `Int`, which holds whenever `a ≤ d`. Cost: two
    /// full-width machine operations.
    static func floorOfProduct(_ a: Int, _ b: Int, dividedBy d: Int) -> Int {
        precondition(a >= 0 && b >= 0 && d > 0, "floorOfProduct needs a, b ≥ 0 and d > 0")
        let product = a.multipliedFullWidth(by: b)
        return d.dividingFullWidth(product).quotient
    }
}
