import Testing

@testable import VidClass

/// Which inputs each shard takes (sorted, dealt out by position), the inputs digest, and reading `K/N` and the
/// job engines' variables — all without a video.
@Suite("shard plans")
struct ShardPlanTests {
    @Test("the shards of a list cover every input exactly once, each within one input of the others, in input order")
    func shardsPartitionTheInputs() throws {
        for total in [0, 1, 5, 12, 13] {
            let inputs = (0..<total).map { "clip\(($0 * 7) % max(total, 1)).mp4" }.reversed().map { $0 }
            for count in 1...5 {
                let plans = try (0..<count).map { ShardPlan(inputs: inputs, shard: try Shard(index: $0, count: count)) }
                #expect(plans.flatMap(\.positions).sorted() == Array(inputs.indices))
                let sizes = plans.map(\.positions.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
                #expect(plans.allSatisfy { $0.positions == $0.positions.sorted() })
            }
        }
    }

    @Test("the split depends on the set of inputs, not their order; the digest is sha256 of the sorted lines")
    func orderIndependence() throws {
        let inputs = ["b.mp4", "a.mp4", "c.mkv", "a.mp4"]
        let shard = try Shard(parsing: "1/2")
        let plan = ShardPlan(inputs: inputs, shard: shard)
        let shuffled = ["c.mkv", "a.mp4", "a.mp4", "b.mp4"]
        let other = ShardPlan(inputs: shuffled, shard: shard)
        #expect(plan.positions.map { inputs[$0] }.sorted() == other.positions.map { shuffled[$0] }.sorted())
        #expect(plan.positions.map { inputs[$0] }.sorted() == ["a.mp4", "c.mkv"])
        // printf 'a.mp4\na.mp4\nb.mp4\nc.mkv\n' | sha256sum
        #expect(plan.description.inputsSHA256 == "ee58695e8baa2b496610bdc3c12f088322f512fed8eb013981d1568091b796f9")
        #expect(plan.description.inputsSHA256 == other.description.inputsSHA256)
        #expect(plan.description.inputs == 4)
    }

    @Test("K/N is read and checked", arguments: [("0/1", true), ("3/4", true), ("4/4", false), ("-1/4", false), ("1/0", false), ("auto", false), ("1/2/3", false)])
    func parsing(text: String, valid: Bool) {
        #expect(((try? Shard(parsing: text)) != nil) == valid)
    }

    @Test("Slurm arrays from any first index and step, Kubernetes indexed jobs with the count from the manifest")
    func environments() throws {
        let slurm = ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "4"]
        #expect(try Shard(environment: slurm) == Shard(index: 3, count: 4))
        #expect(try Shard(environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"]) == Shard(index: 2, count: 4))
        var gap = slurm
        gap["SLURM_ARRAY_TASK_ID"] = "4"
        #expect(throws: VidClassError.self) { try Shard(environment: gap) }
        let kubernetes = ["JOB_COMPLETION_INDEX": "2", Shard.countVariable: "3"]
        #expect(try Shard(environment: kubernetes) == Shard(index: 2, count: 3))
        #expect(try Shard(environment: ["JOB_COMPLETION_INDEX": "2"], count: 5) == Shard(index: 2, count: 5))
        #expect(throws: VidClassError.self) { try Shard(environment: ["JOB_COMPLETION_INDEX": "2"]) }
        do {
            _ = try Shard(environment: ["HOME": "/root"])
            Issue.record("no engine's variables should be refused")
        } catch {
            #expect(error.category == .usage)
        }
    }
}
