import ArgumentParser
import Foundation
import VidClass

/// `vidclass features INPUT... --out F`: per-video (or per-frame) backbone embeddings for other tools.
struct Features: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write backbone embeddings of videos to a .npy or .safetensors file.",
        discussion: """
            Without --per-frame each video gets one row, the mean of its T frame features: an array
            [N, d]. With --per-frame the array is [N, T, d]. Rows follow the order of the inputs.
            A .safetensors file holds the array as tensor "features" and the inputs as JSON in its
            metadata ("inputs"). Features are cached (see --cache), so asking again for the same
            videos decodes nothing.
            Examples:
              vidclass features a.mp4 b.mp4 --out emb.npy     numpy.load("emb.npy").shape == (2, 1280)
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

    @Option(name: .long, help: "Model bundle whose backbone is used, or kinetics400 (I3D: one row per temporal position). Default: the built-in EfficientNet-Lite0.")
    var model: String?

    @OptionGroup var cache: CacheOptions

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
            if !force && FileManager.default.fileExists(atPath: out) {
                throw VidClassError(.cannotCreate, "\(out) already exists; pass --force to replace it or choose another --out.")
            }
            let extractor = try FeatureExtractor(bundle: try model.map { try ModelBundle(contentsOf: try ModelBundle.path(forModelArgument: $0)) }, cache: cache.featureCache)
            let metadata = extractor.bundle.metadata
            let strategy = sampling.strategy(for: metadata.architecture, clipFrames: metadata.frames)
            let progress = ProgressReporter()
            var rows: [FrameFeatures] = []
            for input in inputs {
                do {
                    rows.append(try extractor.features(of: .path(input), sampling: strategy, seek: sampling.seek))
                } catch {
                    let failure = VidClassError(error)
                    throw VidClassError(failure.category, "\(input): \(failure.message)")
                }
                progress.clips(rows.count, inputs.count)
            }
            progress.finish()
            let shape = try FeatureExport.write(
                rows, inputs: inputs, sampling: strategy.displayName, perFrame: perFrame, to: out,
                overwrite: force)
            let hits = rows.filter(\.fromCache).count
            print("\(out): \(shape.map(String.init).joined(separator: " x ")) float32 (\(hits) of \(rows.count) from the cache)")
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
