/// Which frames a matrix case asks for: 16 spread evenly over the clip and 16 drawn at random with a seed made from
/// the case's name, so every run asks for the same frames and a failure can be replayed.
enum RequestedIndices {
    /// `floor((i + 0.5) · count / 16)` for i in 0..<16, then 16 seeded random indices; ascending, no repeats.
    static func of(count: Int, seed name: String) -> [Int] {
        guard count > 0 else { return [] }
        let uniform = (0..<16).map { Int((Double($0) + 0.5) * Double(count) / 16) }
        var generator = SplitMix64(seed: stableHash(name))
        let random = (0..<16).map { _ in Int(generator.next() % UInt64(count)) }
        return Array(Set(uniform + random)).sorted()
    }

    /// FNV-1a over the UTF-8 bytes: unlike `hashValue`, the same in every process.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}

/// Steele, Lea and Flood's SplitMix64: a tiny, well-mixed generator for reproducible test data.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
