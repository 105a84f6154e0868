/// Which inputs one shard of a run handles, and the identity of the whole input list.
///
/// ```swift
/// let plan = ShardPlan(inputs: ["c.mp4", "a.mp4", "b.mp4", "d.mp4"], shard: try Shard(parsing: "1/2"))
/// plan.positions       // [2, 3]: b.mp4 and d.mp4, the 2nd and 4th in sorted order
/// plan.description     // shard 1 of 2, 4 inputs, inputsSHA256 of the sorted list
/// ```
///
/// **Sort, then assign by position.** The inputs are sorted by their UTF-8 bytes (as `LC_ALL=C sort` does), and
/// the i-th input of the sorted list goes to shard `i mod N`. Sorting makes the split independent of the order
/// a shell, a file system or a list gives the inputs on each machine. Assigning by position, rather than by a
/// hash of each name, makes shards equal to within one input (a hash balances only on average, and badly for
/// a few hundred inputs), and dealing them out in turn spreads each folder (often one class, with its own clip
/// lengths) over every shard. The price: adding one input moves others to other shards, so a shard belongs to
/// exactly one input list — which is why every shard records ``inputsDigest(_:)`` and `merge` refuses a mix.
///
/// Within a shard, inputs keep the order they were given in, so merged records come out in input order.
public struct ShardPlan: Sendable, Equatable {
    public let shard: Shard
    /// Positions in the given input list of the inputs this shard handles, ascending.
    public let positions: [Int]
    /// Which shard of which input list, as run headers record it.
    public let description: ShardDescription

    public init(inputs: [String], shard: Shard) {
        self.shard = shard
        let sorted = inputs.indices.sorted { Self.precedes(inputs[$0], inputs[$1], $0, $1) }
        positions = stride(from: shard.index, to: sorted.count, by: shard.count).map { sorted[$0] }.sorted()
        description = ShardDescription(
            index: shard.index, count: shard.count, inputs: inputs.count, inputsSHA256: Self.inputsDigest(inputs))
    }

    /// The SHA-256 of the sorted input list, each input followed by a newline: the same as
    /// `printf '%s\n' INPUTS... | LC_ALL=C sort | sha256sum`. Two runs over the same inputs, in any order, agree.
    public static func inputsDigest(_ inputs: [String]) -> String {
        var hasher = SHA256()
        for input in inputs.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            hasher.update(Array(input.utf8) + [0x0A])
        }
        return hasher.finalize()
    }

    /// Byte order of the names; equal names (an input given twice) by their position, so the order is total.
    private static func precedes(_ a: String, _ b: String, _ i: Int, _ j: Int) -> Bool {
        a == b ? i < j : a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
