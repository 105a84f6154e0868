import ArgumentParser
import Foundation
import VidClass

/// `vidclass merge OUT`: gathers the shards of a sharded `classify` or `features` run into OUT.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Gather the shards of a sharded run (--shard K/N or auto) into one output, in input order.",
        discussion: """
            OUT is the --output of classify or the --out of features that the shards ran with; merge reads OUT.shard-K-of-N.* beside it. It checks that every shard is there and finished and that all share one input list (the digest of the sorted inputs), model and options, then writes OUT: for classify the run header and one record per input, exactly as one process would; for features the array with one row per input that could be read, in input order and bit for bit as one process would, with the sidecar one run writes (OUT.json beside a .npy, metadata in a .safetensors) naming the rows' inputs, the inputs left out and the run. A missing or unfinished shard is named with the command that runs just that shard (continuing where it stopped). Error records are data: merge exits 0 when it wrote OUT.

            Examples:
              vidclass merge results.jsonl
              vidclass merge embeddings.npy
            """
    )

    @Argument(help: "The output the shards were run with: a JSONL file (classify) or a .npy or .safetensors file (features).")
    var output: String

    @Flag(name: .long, help: "Replace OUT (and a .npy's OUT.json sidecar) when it exists.")
    var force = false

    func run() throws {
        try Failure.exitOnError {
            let isFeatures = output.hasSuffix(".npy") || output.hasSuffix(".safetensors")
            let targets = output.hasSuffix(".npy") ? [output, FeatureSidecar.path(besideArray: output)] : [output]
            if !force, let existing = targets.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                throw VidClassError(.cannotCreate, "\(existing) already exists", suggestion: .allowOverwriteOrChooseAnotherPath)
            }
            let shards = try ShardSet(output: output)
            let summary = isFeatures ? try mergeFeatures(shards) : try mergeRecords(shards)
            try StandardStreams.write(summary + "\n", to: .output)
        }
    }
}
