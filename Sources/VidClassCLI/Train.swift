import ArgumentParser
import Foundation
import VidClass

extension OptimizerKind: ExpressibleByArgument {}

/// `vidclass train DATASET --out head.safetensors`: a new classifier head from the user's own labelled clips.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a classifier head (pooling + linear) on labelled clips, over cached features.",
        discussion: """
            DATASET is a folder of label/ subfolders holding clips, or a CSV file of path,label rows (relative paths are resolved against the CSV's folder). The backbone stays frozen: each clip's T frame features are computed once and cached (see --cache), so later runs decode nothing. Training clips use one random frame per segment (--sampling random), validation clips the segment centres. Unreadable clips are skipped and listed.

            Progress goes to standard error: a progress line on a terminal, one JSON object per epoch otherwise. The summary goes to standard output. The output is a small head-only bundle that names its backbone by digest; classify with it through --model.

            Examples:
              vidclass train clips/ --out mine.safetensors --pool attention --epochs 60
              vidclass train train.csv --val val.csv --out mine.safetensors
              vidclass clip.mp4 --model mine.safetensors
            """
    )

    @Argument(help: "A folder of label/ subfolders, or a CSV of path,label rows.")
    var dataset: String

    @Option(name: .long, help: "Output bundle (.safetensors).")
    var out: String

    @Option(name: .long, help: "Pooling over time: mean, max or attention.")
    var pool: Pooling = .mean

    @Option(name: .long, parsing: .unconditional, help: "Frames T per clip, recorded in the model as what classify, eval and timeline then use (default: 8; 32 for a clip backbone such as kinetics400).")
    var frames: Int?

    @Option(name: .long, help: ModelArgumentHelp.help("The model whose frozen backbone gives the features"))
    var backbone: String?

    @Option(name: .long, help: "Training frames: random (one per segment) or uniform (segment centres).")
    var sampling: TrainingSampling = .random

    @Option(name: .long, parsing: .unconditional, help: "Passes over the training clips.")
    var epochs: Int = 50

    @Option(name: .long, parsing: .unconditional, help: "Learning rate. Default: 0.001 for adam, 0.01 for sgd.")
    var lr: Double?

    @Option(name: .long, parsing: .unconditional, help: "Clips per gradient step.")
    var batchSize: Int = 16

    @Option(name: .long, parsing: .unconditional, help: "L2 weight decay.")
    var weightDecay: Double = 1e-4

    @Option(name: .long, help: "adam or sgd.")
    var optimizer: OptimizerKind = .adam

    @Option(name: .long, parsing: .unconditional, help: "Momentum of sgd.")
    var momentum: Double = 0.9

    @Option(name: .long, parsing: .unconditional, help: "Stop after this many epochs without a lower validation loss (0: never).")
    var patience: Int = 10

    @Option(name: .long, parsing: .unconditional, help: "Fraction of each label's clips held out for validation (without --val).")
    var valSplit: Double = 0.2

    @Option(name: .long, help: "A separate validation set (folder or CSV) instead of --val-split.")
    var val: String?

    @Option(name: .long, parsing: .unconditional, help: "Seed of the split, the frame draws and the initial weights.")
    var seed: UInt64 = 0

    @OptionGroup var cache: CacheOptions

    @OptionGroup var memory: MemoryOptions

    @Flag(name: .long, help: "Replace an existing --out file.")
    var force = false

    enum TrainingSampling: String, CaseIterable, ExpressibleByArgument {
        case random, uniform
    }

    func validate() throws {
        guard (1...100_000).contains(epochs) else { throw ValidationError("--epochs (\(epochs)) must be between 1 and 100000.") }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr (\(lr)) must be a positive number.") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size (\(batchSize)) must be at least 1.") }
        guard weightDecay >= 0 else { throw ValidationError("--weight-decay (\(weightDecay)) must not be negative.") }
        guard (0..<1).contains(valSplit) else { throw ValidationError("--val-split (\(valSplit)) must be at least 0 and below 1.") }
        if let frames, !(1...1024).contains(frames) { throw ValidationError("--frames (\(frames)) must be between 1 and 1024.") }
        guard patience >= 0 else { throw ValidationError("--patience (\(patience)) must not be negative.") }
    }

    func run() throws {
        try Failure.exitOnError {
            if !force && FileManager.default.fileExists(atPath: out) {
                throw VidClassError(.cannotCreate, "\(out) already exists; pass --force to replace it or choose another --out.")
            }
            let started = Date()
            let training = try Dataset(contentsOf: dataset)
            let validation = try val.map { try Dataset(contentsOf: $0) }
            var extractor = try FeatureExtractor(
                bundle: try backbone.map { try ModelBundle(modelArgument: $0) },
                cache: cache.featureCache)
            extractor.memoryBudget = memory.budget
            let frames = self.frames ?? extractor.bundle.metadata.architecture.family.defaultTrainingFrames
            let settings = TrainingSettings(
                epochs: epochs, learningRate: lr, batchSize: batchSize, weightDecay: weightDecay, optimizer: optimizer,
                momentum: momentum, seed: seed, patience: patience == 0 ? nil : patience)
            let options = TrainingOptions(
                pooling: pool, frames: frames, randomTrainingFrames: sampling == .random,
                validationFraction: val == nil ? valSplit : 0, settings: settings)
            let reporter = ProgressReporter(epochs: epochs)
            let run = try HeadTraining.train(
                dataset: training, validation: validation, options: options, extractor: extractor, progress: reporter.training)
            reporter.finish()
            try run.write(to: out, overwrite: force)
            for skipped in run.skipped { Failure.report("skipped \(skipped.item): \(skipped.reason)") }
            try StandardStreams.write(summary(run, seconds: Date().timeIntervalSince(started)) + "\n", to: .output)
        }
    }

    private func summary(_ run: TrainedHead, seconds: Double) -> String {
        let last = run.history.last
        var lines = [
            "wrote \(out): \(run.metadata.labels.count) labels (\(run.metadata.labels.joined(separator: ", "))), \(pool.rawValue) pooling, \(run.metadata.frames) frames",
            "clips: \(run.trainingClips) training, \(run.validationClips) validation, \(run.skipped.count) skipped; \(run.cacheHits) from the feature cache",
            "epochs: \(run.history.count); final training loss \(String(format: "%.4f", last?.trainLoss ?? .nan)), accuracy \(String(format: "%.1f%%", 100 * (last?.trainAccuracy ?? 0)))",
        ]
        if let accuracy = run.validationAccuracy {
            lines.append("validation accuracy \(String(format: "%.1f%%", 100 * accuracy))")
        }
        lines.append("time \(String(format: "%.1f", seconds)) s")
        return lines.joined(separator: "\n")
    }
}
