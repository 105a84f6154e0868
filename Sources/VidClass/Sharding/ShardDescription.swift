/// Which shard of how many, over which input list: what a sharded run adds to its ``RunDescription``.
///
/// ```json
/// {"count":4,"index":1,"inputs":13320,"inputs_sha256":"9f86d081…"}
/// ```
///
/// Two shards belong to one run when everything but `index` is equal (and their model and options are).
public struct ShardDescription: Sendable, Equatable, Codable {
    /// Which shard, from 0.
    public var index: Int
    /// How many shards the run has.
    public var count: Int
    /// How many inputs the whole run has, over all shards.
    public var inputs: Int
    /// ``ShardPlan/inputsDigest(_:)`` of the whole input list.
    public var inputsSHA256: String

    enum CodingKeys: String, CodingKey {
        case index, count, inputs, inputsSHA256 = "inputs_sha256"
    }

    public init(index: Int, count: Int, inputs: Int, inputsSHA256: String) {
        self.index = index
        self.count = count
        self.inputs = inputs
        self.inputsSHA256 = inputsSHA256
    }

    /// Whether `other` is another shard of the same split of the same input list.
    public func isSibling(of other: ShardDescription) -> Bool {
        count == other.count && inputs == other.inputs && inputsSHA256 == other.inputsSHA256
    }
}
