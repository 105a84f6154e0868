import ArgumentParser
import Foundation
import VidClass

/// `vidclass eval DATASET --model F`: accuracy, top-5, per-class precision and recall, confusion matrix, and
/// each clip's prediction.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a model on labelled clips: accuracy, top-5, per-class precision and recall, confusion.",
        discussion: """
            DATASET is laid out as for train (label/ subfolders or a path,label CSV); its labels must be the model's. Each clip is classified as classify does it, with the model's own frames and sampling unless --frames, --sampling etc. say otherwise, through the feature cache: a clip's prediction and probabilities are those 'vidclass CLIP --model F' prints. Clips that cannot be read, or whose label the model lacks, are skipped and listed. The report starts with the vidclass version, the model (file name and SHA-256) and the options; the JSON lists every clip's prediction, the text with --per-clip.

            Examples:
              vidclass eval test/ --model mine.safetensors --per-clip
              vidclass eval test.csv --model mine.safetensors --format json --plot cm.png
            """
    )

    enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @Argument(help: "A folder of label/ subfolders, or a CSV of path,label rows.")
    var dataset: String

    @Option(name: .long, help: ModelArgumentHelp.help("The model to evaluate", default: nil))
    var model: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Also list each clip in the text report: right or wrong, the probabilities of the prediction and of the true label, both labels.")
    var perClip = false

    @Option(name: .long, help: "Also write the confusion matrix as a PNG heat map, titled with the accuracy.")
    var plot: String?

    @OptionGroup var sampling: SamplingOptions

    @OptionGroup var cache: CacheOptions

    @OptionGroup var memory: MemoryOptions

    @Flag(name: .long, help: "Replace an existing --plot file.")
    var force = false

    func run() throws {
        try Failure.exitOnError {
            if let plot, !force, FileManager.default.fileExists(atPath: plot) {
                throw VidClassError(.cannotCreate, "\(plot) already exists; pass --force to replace it or choose another name.")
            }
            let bundle = try ModelBundle(modelArgument: model)
            var extractor = try FeatureExtractor(bundle: bundle, cache: cache.featureCache)
            extractor.memoryBudget = memory.budget
            let progress = ProgressReporter()
            let report = try EvaluationReport(
                dataset: try Dataset(contentsOf: dataset), model: bundle, extractor: extractor,
                sampling: bundle.metadata.samplingStrategy(for: sampling.request), seek: sampling.seek,
                progress: { progress.clips($0, $1) })
            progress.finish()
            for skipped in report.skipped { Failure.report("skipped \(skipped.item): \(skipped.reason)") }
            if let plot {
                guard FileManager.default.createFile(atPath: plot, contents: Data(try report.heatMap().pngData())) else {
                    throw VidClassError(.io, "Cannot write \(plot); check the folder and its permissions.")
                }
            }
            switch format {
            case .text:
                try StandardStreams.write(report.text(perClip: perClip), to: .output)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try StandardStreams.write(bytes: try encoder.encode(report) + Data("\n".utf8), to: .output)
            }
        }
    }
}
