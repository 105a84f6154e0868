import ArgumentParser
import Foundation
import VidClass

/// `--shard K/N|auto` and `--shard-count N`, shared by `classify` and `features`: run one part of a batch split
/// over processes or machines (see ``ShardPlan`` for which inputs each part takes, and `vidclass merge`).
struct ShardOptions: ParsableArguments {
    @Option(name: .long, help: "Handle only shard K of N (K from 0, such as 2/4) of the sorted inputs, writing OUT.shard-K-of-N beside OUT and a .done marker when finished; auto takes K and N from a Slurm array task or a Kubernetes Indexed Job. Gather the shards with vidclass merge OUT.")
    var shard: String?

    @Option(name: .long, parsing: .unconditional, help: "With --shard auto in a Kubernetes Indexed Job: how many shards (default: $VIDCLASS_SHARD_COUNT).")
    var shardCount: Int?

    func validate() throws {
        guard shardCount == nil || shard == "auto" else {
            throw ValidationError("--shard-count goes with --shard auto (Kubernetes); with --shard K/N the count is N.")
        }
        if let shard, shard != "auto" {
            do {
                _ = try Shard(parsing: shard)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    /// The shard this process runs, nil without `--shard`; `auto` reads the environment.
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws(VidClassError) -> Shard? {
        guard let shard else { return nil }
        return shard == "auto" ? try Shard(environment: environment, count: shardCount) : try Shard(parsing: shard)
    }
}
