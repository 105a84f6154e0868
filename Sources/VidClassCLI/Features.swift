import ArgumentParser
import Foundation
import VidClass

/// `vidclass features INPUT... --out F`: per-video (or per-frame) backbone embeddings for other tools.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write backbone embeddings of videos to a .npy or .safetensors file.",
        discussion: """
            Without --per-frame each video gets one row, the mean of its T frame features: an array [N, d]. With --per-frame the array is [N, T, d]. Rows follow the order of the inputs. Beside a .npy file, OUT.json names each row's input, the inputs left out (with why), the vidclass version, the model (name and SHA-256) and the sampling options; a .safetensors file holds the array as tensor "features" and the same JSON in its metadata ("vidclass"). Features are cached (see --cache), so asking again for the same videos decodes nothing. An input that cannot be read is reported on standard error and left out (the others go on); the exit code is then 69.

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

    func validate() throws {
        guard out.hasSuffix(".npy") || out.hasSuffix(".safetensors") else {
            throw ValidationError("--out (\(out)) must end in .npy or .safetensors.")
        }
        guard !inputs.contains("-") else {
            throw ValidationError("features reads files only (standard input cannot be cached); save the stream to a file first.")
        }
    }

    func run() throws {
        try Failure.exitOnError {
            let sidecar = out.hasSuffix(".npy") ? [FeatureSidecar.path(besideArray: out)] : []
            if !force, let existing = ([out] + sidecar).first(where: { FileManager.default.fileExists(atPath: $0) }) {
                throw VidClassError(.cannotCreate, "\(existing) already exists; pass --force to replace it or choose another --out.")
            }
            var extractor = try FeatureExtractor(bundle: try model.map { try ModelBundle(modelArgument: $0) }, cache: cache.featureCache)
            extractor.memoryBudget = memory.budget
            let strategy = extractor.bundle.metadata.samplingStrategy(for: sampling.request)
            let progress = ProgressReporter()
            var rows: [FrameFeatures] = []
            var written: [String] = []
            var failures: [VidClassError] = []
            var leftOut: [FeatureSidecar.LeftOut] = []
            for (done, input) in inputs.enumerated() {
                do {
                    let row = try extractor.features(of: .path(input), sampling: strategy, seek: sampling.seek)
                    row.warnings.forEach { progress.report("warning: \($0)") }
                    rows.append(row)
                    written.append(input)
                } catch {
                    let failure = VidClassError(error)
                    let message = failure.commandLineMessage.contains(input) ? failure.commandLineMessage : "\(input): \(failure.commandLineMessage)"
                    failures.append(VidClassError(failure.category, message))
                    leftOut.append(FeatureSidecar.LeftOut(input: input, error: message))
                    progress.report(failures.last!.message)
                }
                progress.clips(done + 1, inputs.count, failures: failures.count)
            }
            progress.finish()
            guard !rows.isEmpty else {
                throw failures.count == 1 ? failures[0] : VidClassError(.badData, "None of the \(inputs.count) inputs could be read (see above); nothing was written.")
            }
            let run = try RunDescription(bundle: extractor.bundle, sampling: strategy, seek: sampling.seek, pooling: .mean)
            let shape = try FeatureExport.write(
                rows, inputs: written, run: run, leftOut: leftOut, perFrame: perFrame, to: out, overwrite: force
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
