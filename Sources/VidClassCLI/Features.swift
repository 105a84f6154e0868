import ArgumentParser
import Foundation
import VidClass

/// `vidclass features INPUT... --out F`: per-video (or per-frame) backbone embeddings for other tools.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write backbone embeddings of videos to a .npy or .safetensors file.",
        discussion: """
            Without --per-frame each video gets one row, the mean of its T frame features: an array [N, d]. With --per-frame the array is [N, T, d]. Rows follow the order of the inputs. Beside a .npy file, OUT.json names each row's input, the inputs left out (with why), the vidclass version, the model (name and SHA-256) and the sampling options; a .safetensors file holds the array as tensor "features" and the same JSON in its metadata ("vidclass"). Features are cached (see --cache), so asking again for the same videos decodes nothing. An input that cannot be read is reported on standard error and left out (the others go on); the exit code is then 69.

            --shard K/N computes one Nth of the inputs (sorted, then dealt out in turn) into OUT.shard-K-of-N beside --out, with a .done marker listing its rows' inputs and the inputs left out; it exits 0 when finished even if some inputs failed. vidclass merge OUT joins the shards into one array, rows in input order, the same bits as one run.

            Examples:
              vidclass features a.mp4 b.mp4 --out emb.npy   (an array [2, 1280])
              vidclass features clips/*.mp4 --frames 8 --per-frame --out emb.safetensors
            """
    )

    @Argument(help: "Video files.")
    var inputs: [String]

    @Option(name: .long, help: "Output file: .npy or .safetensors.")
    var out: String

    @Flag(name: .long, help: "One row per frame ([N, T, d]) instead of the per-video mean ([N, d]).")
    var perFrame = false

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .long, help: ModelArgumentHelp.help("The model whose backbone gives the features (kinetics400: one row per temporal position)"))
    var model: String?

    @OptionGroup var cache: CacheOptions

    @OptionGroup var memory: MemoryOptions

    @Flag(name: .long, help: "Replace an existing --out file.")
    var force = false

    @OptionGroup var sharding: ShardOptions

    @Flag(name: .long, help: "With --shard: run an unfinished shard again, replacing its partial files (features already computed come from the cache).")
    var resume = false

    func validate() throws {
        guard out.hasSuffix(".npy") || out.hasSuffix(".safetensors") else {
            throw ValidationError("--out (\(out)) must end in .npy or .safetensors.")
        }
        guard !resume || sharding.shard != nil else {
            throw ValidationError("--resume finishes a shard of a sharded run; pass --shard K/N or auto, or --force to replace --out.")
        }
        guard !(resume && force) else {
            throw ValidationError("--resume keeps a finished shard and --force replaces it; pass only one.")
        }
        guard !inputs.contains("-") else {
            throw ValidationError("features reads files only (standard input cannot be cached); save the stream to a file first.")
        }
    }

    func run() throws {
        try Failure.exitOnError {
            if let shard = try sharding.resolved() { return try runShard(ShardPlan(inputs: inputs, shard: shard)) }
            let sidecar = out.hasSuffix(".npy") ? [FeatureSidecar.path(besideArray: out)] : []
            if !force, let existing = ([out] + sidecar).first(where: { FileManager.default.fileExists(atPath: $0) }) {
                throw VidClassError(.cannotCreate, "\(existing) already exists", suggestion: .allowOverwriteOrChooseAnotherPath)
            }
            let extractor = try makeExtractor()
            let strategy = extractor.bundle.metadata.samplingStrategy(for: sampling.request)
            let (rows, written, failures) = extract(inputs, extractor: extractor, strategy: strategy)
            guard !rows.isEmpty else {
                throw failures.count == 1 ? failures[0].error : VidClassError(.badData, "None of the \(inputs.count) inputs could be read (see above); nothing was written.")
            }
            let leftOut = failures.map { FeatureSidecar.LeftOut(input: inputs[$0.index], error: $0.error.message) }
            let shape = try FeatureExport.write(
                rows, inputs: written, run: try runDescription(extractor, strategy: strategy), leftOut: leftOut,
                perFrame: perFrame, to: out, overwrite: force
            ).shape
            let hits = rows.filter(\.fromCache).count
            try StandardStreams.write(
                "\(out): \(shape.map(String.init).joined(separator: " x ")) float32 (\(hits) of \(rows.count) from the cache)\n",
                to: .output)
            if !failures.isEmpty {
                Failure.report("\(failures.count) of \(inputs.count) inputs could not be read and are not in \(out).")
                throw ExitCode(69)
            }
        }
    }

    /// The extractor of `--model` with the cache and memory budget asked for.
    func makeExtractor() throws -> FeatureExtractor {
        var extractor = try FeatureExtractor(bundle: try model.map { try ModelBundle(modelArgument: $0) }, cache: cache.featureCache)
        extractor.memoryBudget = memory.budget
        return extractor
    }

    /// How the features are made, as their sidecar says: the rows are each video's frame features, averaged
    /// (`pooling` mean) unless `--per-frame`. A shard's run, written in its marker, is this one plus its shard.
    func runDescription(_ extractor: FeatureExtractor, strategy: SamplingStrategy) throws(VidClassError) -> RunDescription {
        try RunDescription(bundle: extractor.bundle, sampling: strategy, seek: sampling.seek, pooling: .mean)
    }

    /// The features of each of `inputs` that can be read, the inputs they belong to, and the position and error
    /// of each other input (reported on standard error as it happens), with progress on a terminal.
    func extract(
        _ inputs: [String], extractor: FeatureExtractor, strategy: SamplingStrategy
    ) -> (rows: [FrameFeatures], inputs: [String], failures: [(index: Int, error: VidClassError)]) {
        let progress = ProgressReporter()
        var rows: [FrameFeatures] = []
        var written: [String] = []
        var failures: [(index: Int, error: VidClassError)] = []
        for (done, input) in inputs.enumerated() {
            do {
                let row = try extractor.features(of: .path(input), sampling: strategy, seek: sampling.seek)
                row.warnings.forEach { progress.report("warning: \($0)") }
                rows.append(row)
                written.append(input)
            } catch {
                let failure = VidClassError(error)
                let said = failure.commandLineMessage
                let message = said.contains(input) ? said : "\(input): \(said)"
                failures.append((done, VidClassError(failure.category, message)))
                progress.report(message)
            }
            progress.clips(done + 1, inputs.count, failures: failures.count)
        }
        progress.finish()
        return (rows, written, failures)
    }
}

/// `--cache DIR` / `--no-cache`, shared by the commands that compute features.
struct CacheOptions: ParsableArguments {
    @Option(name: .long, help: "Feature cache folder. Default: $VIDCLASS_CACHE, else $XDG_CACHE_HOME/vidclass, else ~/.cache/vidclass.")
    var cache: String?

    @Flag(name: .long, help: "Compute every feature afresh and store nothing.")
    var noCache = false

    var featureCache: FeatureCache? {
        noCache ? nil : FeatureCache(directory: cache ?? FeatureCache.defaultDirectory())
    }
}
