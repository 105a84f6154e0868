/// FNV-1a, 64-bit: a hash that, unlike `Hasher`, is the same in every process, so choices made from it
/// (validation splits, per-clip sampling seeds) are reproducible from run to run.
enum StableHash {
    static func of(_ text: String, seed: UInt64 = 0) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 ^ seed) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The last path component of `path`: hashing the name keeps choices stable when a dataset folder moves.
    static func ofFileName(_ path: String, seed: UInt64 = 0) -> UInt64 {
        of(path.split(separator: "/").last.map(String.init) ?? path, seed: seed)
    }
}
