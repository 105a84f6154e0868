import Foundation

/// A small, fast, seedable random number generator (SplitMix64) whose draws depend on nothing but the seed.
///
/// ```swift
/// var random = SplitMix64(seed: 7)
/// random.shuffle(&order)
/// let noise = random.gaussian(standardDeviation: 0.01)
/// ```
///
/// Training owns its uniform, Gaussian and shuffle draws rather than using the standard library's
/// `random(in:using:)` and `shuffle(using:)`, whose algorithms may change between Swift releases, so a seed
/// gives the same head on every toolchain and machine. (FrameSampling keeps its own copy of the generator
/// for the same reason; the two modules share no dependency.) Not cryptographic.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Starts the sequence for `seed`; every seed, 0 included, is fine.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits: a Weyl step followed by a bijective mix.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from [0, 1) with 53 random bits.
    mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A sample of N(0, standardDeviation²), by the Box–Muller transform (two uniforms per sample).
    mutating func gaussian(standardDeviation: Float) -> Float {
        let u1 = 1 - unitInterval()  // (0, 1], so the logarithm is finite
        let u2 = unitInterval()
        let normal = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        return Float(normal) * standardDeviation
    }

    /// Puts `items` in a uniformly random order (Fisher–Yates). Cost: one draw per element.
    mutating func shuffle<T>(_ items: inout [T]) {
        for k in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Swift.min(k, Int(unitInterval() * Double(k + 1)))  // uniform in 0...k
            items.swapAt(k, j)
        }
    }
}
