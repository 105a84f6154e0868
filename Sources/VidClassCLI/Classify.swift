import ArgumentParser
import Foundation
import VidClass

/// `vidclass [classify] INPUT...`: top-k labels for each input video; a batch for folders, lists and many files.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify videos (the default command): sample T frames, run the model, pool over time, print the top labels.",
        discussion: """
            Each INPUT is a video file, a folder (its videos, recursively, by extension) or "-" for standard input. With several inputs, a folder or --files-from, vidclass runs a batch: one record per input in input order, a bad file reported in its own record while the others go on, a progress bar on a terminal, and exit code 69 when any input failed.

            --output writes a run header line (vidclass version, model digest, options), then the records as JSONL, each forced to disk whole, and holds a lock so no other run writes the same file. After an interruption, the same command with --resume classifies only what is missing; it refuses a file another run or program wrote.

            --shard K/N classifies one Nth of the inputs (sorted, then dealt out in turn), for a batch split over processes or machines; it writes OUT.shard-K-of-N beside the --output file and a .done marker when finished, and exits 0 even when some inputs failed (their error records are data). vidclass merge OUT gathers the shards in input order.
            """
    )

    @Argument(help: "Video files or folders to classify; - reads standard input.")
    var inputs: [String] = []

    @Option(name: .long, help: "Also classify the paths listed in this file, one per line (blank lines and lines starting with # are skipped); - reads the list from standard input.")
    var filesFrom: String?

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .long, help: "Pooling over time: mean, max or attention (the model must have it). Default: the model's own.")
    var pool: Pooling?

    @Option(name: .long, help: ModelArgumentHelp.help("The model"))
    var model: String?

    @Option(name: .long, parsing: .unconditional, help: "How many labels to print.")
    var top: Int = 5

    @Option(name: .long, help: "Output format: text, json, jsonl or csv. Default: text, or jsonl with --output.")
    var format: OutputFormat?

    @Option(name: .long, help: "Write the records to this JSONL file (a regular file, created new and locked while the batch runs; - for standard output), after a run header line.")
    var output: String?

    @Flag(name: .long, help: "Continue the --output file of the same run (same model and options): keep its records and classify only the inputs it lacks.")
    var resume = false

    @Option(name: .long, parsing: .unconditional, help: "Threads for decoding and the model (0: all cores); a batch splits them between parallel inputs.")
    var threads: Int = 0

    @Option(name: .long, parsing: .unconditional, help: "Seconds one input may take to decode before it fails (0: no limit).")
    var timeout: Double = 0

    @Option(name: .long, parsing: .unconditional, help: "Largest frame accepted, in pixels (width x height); larger videos fail.")
    var maxPixels: Int = DecoderOptions.defaultMaximumFramePixels

    @OptionGroup var pipe: PipeBufferOption
    @OptionGroup var memory: MemoryOptions
    @OptionGroup var sharding: ShardOptions

    @Option(name: .long, help: "Write a PNG contact sheet of the sampled frames (one input only).")
    var contactSheet: String?

    @Flag(name: .long, help: "Replace an existing --contact-sheet or --output file (regular files only).")
    var force = false

    func validate() throws {
        guard !inputs.isEmpty || filesFrom != nil else {
            throw ValidationError("Give at least one INPUT (a video, a folder or -) or --files-from LIST.")
        }
        guard (1...1000).contains(top) else { throw ValidationError("--top (\(top)) must be between 1 and 1000.") }
        guard (0...256).contains(threads) else { throw ValidationError("--threads (\(threads)) must be between 0 and 256.") }
        guard timeout.isFinite, (0...86_400).contains(timeout) else {
            throw ValidationError("--timeout (\(timeout)) must be between 0 (no limit) and 86400 seconds.")
        }
        guard maxPixels >= 1 else { throw ValidationError("--max-pixels (\(maxPixels)) must be at least 1.") }
        guard contactSheet == nil || (inputs.count == 1 && filesFrom == nil && output == nil) else {
            throw ValidationError("--contact-sheet takes exactly one input and no --files-from or --output; run vidclass once per video.")
        }
        let stdinReaders = inputs.filter { $0 == "-" }.count + (filesFrom == "-" ? 1 : 0)
        guard stdinReaders <= 1 else {
            throw ValidationError("Standard input (-) can be read only once per call: as one INPUT or as the --files-from list.")
        }
        guard output == nil || format == nil || format == .jsonl else {
            throw ValidationError("--output writes JSONL records; drop --format or pass --format jsonl.")
        }
        guard !resume || output != nil else { throw ValidationError("--resume continues an --output file; pass --output FILE.") }
        guard !resume || output != "-" else {
            throw ValidationError("--resume continues an --output file, not standard output; pass --output FILE.")
        }
        guard sharding.shard == nil || (output != nil && output != "-") else {
            throw ValidationError("--shard writes its records beside an --output file; pass --output FILE.")
        }
        guard !(resume && force) else {
            throw ValidationError("--resume keeps the records in --output and --force discards them; pass only one.")
        }
    }

    func run() throws {
        try Failure.exitOnError {
            if let sheet = contactSheet, !force, FileManager.default.fileExists(atPath: sheet) {
                throw VidClassError(.cannotCreate, "\(sheet) already exists; pass --force to replace it or choose another name.")
            }
            let list = try InputList(arguments: inputs, filesFrom: filesFrom)
            guard contactSheet == nil || !list.isBatch else {
                throw VidClassError(.usage, "--contact-sheet takes one video, not a folder; run vidclass once per video.")
            }
            if list.isBatch || output != nil {
                let classifier = try VideoClassifier(modelPath: model)
                try runBatch(list.inputs, classifier: classifier, options: classifyOptions(for: classifier.bundle.metadata))
            } else {
                try runOne(list.inputs[0])
            }
        }
    }

    /// The output format in effect: the chosen one, else JSONL for a file and text for a terminal or pipe.
    var outputFormat: OutputFormat { format ?? (output != nil ? .jsonl : .text) }

    /// What to do with each input, for a model described by `metadata` (which sets the sampling defaults).
    func classifyOptions(for metadata: BundleMetadata) -> ClassifyOptions {
        var options = modelIndependentOptions
        options.sampling = metadata.samplingStrategy(for: sampling.request)
        return options
    }

    /// Every option but the sampling (which depends on the model): enough to open the video before the model is
    /// loaded.
    var modelIndependentOptions: ClassifyOptions {
        ClassifyOptions(
            seek: sampling.seek, pooling: pool, top: top, decoderThreads: threads,
            perFrameLabels: contactSheet != nil, keepFrames: contactSheet != nil,
            timeout: timeout > 0 ? .seconds(timeout) : nil, maximumFramePixels: maxPixels,
            pipeBufferLimit: pipe.pipeBuffer, memoryBudget: memory.budget,
            compute: threads > 0 ? .process.withThreads(threads) : .process)
    }

    /// Classifies one input; its failure is the process's.
    ///
    /// The model loads on another core while this thread opens the video and scans its frame index: neither needs
    /// the other, and on a short clip they are a good part of the whole run (about 50 and 40 ms on a 1080p clip).
    private func runOne(_ input: String) throws {
        let model = self.model
        let loading = BackgroundWork { try VideoClassifier(modelPath: model) }
        let video = try VideoClassifier.prepare(videoInput(input), options: modelIndependentOptions)
        let classifier = try loading.value()
        var printer = ResultPrinter(format: outputFormat, top: top, batch: false)
        let (result, frames) = try classifier.classifyKeepingFrames(
            video, options: classifyOptions(for: classifier.bundle.metadata))
        try printer.print(result)
        if let sheet = contactSheet {
            try ContactSheet(classification: result, frames: frames).write(to: sheet, overwrite: force)
        }
        try printer.finish()
    }
}
