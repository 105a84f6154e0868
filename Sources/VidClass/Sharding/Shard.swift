/// One part of a run split across processes or machines: part `index` (0-based) of `count`.
///
/// ```swift
/// let shard = try Shard(parsing: "2/4")   // the third of four parts
/// let plan = ShardPlan(inputs: inputs, shard: shard)
/// plan.positions                           // which inputs (positions in `inputs`) this part handles
/// ```
///
/// Indices start at 0, as Kubernetes' `JOB_COMPLETION_INDEX` does; an array job numbered from 1 is read with
/// ``init(environment:count:)``, which subtracts the array's first index.
public struct Shard: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Which part, from 0 to `count - 1`.
    public let index: Int
    /// How many parts the run is split into.
    public let count: Int

    /// The part `index` of `count`.
    /// - Throws: ``VidClassError`` `.usage` unless 1 ≤ count ≤ 100000 and 0 ≤ index < count.
    public init(index: Int, count: Int) throws(VidClassError) {
        guard (1...100_000).contains(count) else {
            throw VidClassError(.usage, "The shard count (\(count)) must be between 1 and 100000.")
        }
        guard (0..<count).contains(index) else {
            throw VidClassError(
                .usage, "Shard \(index) does not exist in a run of \(count) shards; shards are numbered 0 to \(count - 1).")
        }
        self.index = index
        self.count = count
    }

    /// Reads `K/N` (`0/4` … `3/4`).
    /// - Throws: ``VidClassError`` `.usage` when `text` is not two whole numbers around a slash, or out of range.
    public init(parsing text: String) throws(VidClassError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw VidClassError(
                .usage, "--shard (\(text)) must be K/N, shard K (from 0) of N, such as 0/4, or auto to read it from Slurm or Kubernetes.")
        }
        try self.init(index: index, count: count)
    }

    /// `2/4`.
    public var description: String { "\(index)/\(count)" }
}
