import ArgumentParser
import Foundation
import ModelCore
import VidClass

/// `vidclass [classify] INPUT...`: top-k labels for each input video.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify videos (the default command): sample T frames, run the model, pool over time, print the top labels.",
        discussion: """
            Each INPUT is a video file or - for standard input. With several inputs a bad file is reported in
            its own record and the others go on; the exit code is then 69 when any failed.
            """
    )

    @Argument(help: "Video files to classify; - reads standard input.")
    var inputs: [String]

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .long, help: "Pooling over time: mean, max or attention (the model must have it). Default: the model's own.")
    var pool: Pooling?

    @Option(name: .long, help: "Model bundle (.safetensors). Default: the built-in EfficientNet-Lite0 ImageNet model.")
    var model: String?

    @Option(name: .long, help: "How many labels to print.")
    var top: Int = 5

    @Option(name: .long, help: "Output format: text, json, jsonl or csv.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Threads for decoding and the model (0: all cores).")
    var threads: Int = 0

    @Option(name: .long, help: "Write a PNG contact sheet of the sampled frames (one input only).")
    var contactSheet: String?

    @Flag(name: .long, help: "Replace an existing --contact-sheet file.")
    var force = false

    func validate() throws {
        guard (1...1000).contains(top) else { throw ValidationError("--top (\(top)) must be between 1 and 1000.") }
        guard (0...256).contains(threads) else { throw ValidationError("--threads (\(threads)) must be between 0 and 256.") }
        guard contactSheet == nil || inputs.count == 1 else {
            throw ValidationError("--contact-sheet takes exactly one input; run vidclass once per video.")
        }
        guard inputs.filter({ $0 == "-" }).count <= 1 else {
            throw ValidationError("Standard input (-) can be read only once per call.")
        }
    }

    func run() throws {
        try Failure.exitOnError {
            if let sheet = contactSheet, !force, FileManager.default.fileExists(atPath: sheet) {
                throw VidClassError(.cannotCreate, "\(sheet) already exists; pass --force to replace it or choose another name.")
            }
            if threads > 0 { ComputeThreads.set(threads) }
            let classifier = try VideoClassifier(modelPath: model)
            let options = ClassifyOptions(
                sampling: sampling.strategy, seek: sampling.seek, pooling: pool, top: top,
                decoderThreads: threads, perFrameLabels: contactSheet != nil, keepFrames: contactSheet != nil)
            var printer = ResultPrinter(format: format, top: top, batch: inputs.count > 1)
            var failures = 0
            for input in inputs {
                do {
                    let (result, frames) = try classifier.classifyKeepingFrames(videoInput(input), options: options)
                    printer.print(result)
                    if let sheet = contactSheet {
                        try ContactSheet(classification: result, frames: frames).write(to: sheet, overwrite: force)
                    }
                } catch {
                    guard inputs.count > 1 else { throw error }
                    failures += 1
                    let failure = VidClassError(error)
                    Failure.report("\(input): \(failure.message)")
                    printer.print(input: input, error: failure)
                }
            }
            printer.finish()
            if failures > 0 { throw ExitCode(69) }
        }
    }
}
