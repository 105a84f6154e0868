/// A small, fast, seedable pseudo-random generator (Steele, Lea and Flood's SplitMix64) whose output depends on
/// nothing but its seed.
///
/// The standard library's `random(in:using:)` may change its reduction between Swift releases; sampling owns
/// both the generator and the bounded draw (``next(below:)``) so that a seed names the same frames on every
/// platform and toolchain, which training runs rely on to be reproducible. Not cryptographic.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`; every seed, 0 included, is fine.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits: a Weyl sequence step followed by a bijective mix.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed integer in `0..<bound` (`bound` ≥ 1), without modulo bias.
    ///
    /// Lemire's multiply-and-reject method: the high word of `random · bound` is the result, and the rare draws
    /// whose low word falls below `2⁶⁴ mod bound` are rejected, which makes every result equally likely.
    /// Expected cost: barely more than one ``next()``.
    mutating func next(below bound: Int) -> Int {
        precondition(bound >= 1, "next(below:) needs a positive bound")
        let bound = UInt64(bound)
        let threshold = (0 &- bound) % bound
        while true {
            let product = next().multipliedFullWidth(by: bound)
            if product.low >= threshold { return Int(product.high) }
        }
    }
}
