import ArgumentParser
import Foundation
import VidClass

extension TimelineFormat: ExpressibleByArgument {}

/// `vidclass timeline INPUT --window 2s --hop 1s`: labels per window of a long video.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Label a long video window by window; overlapping windows share frame features.",
        discussion: """
            Windows start every --hop seconds and last --window seconds; each pools --frames-per-window frames taken from one grid shared by all windows, so each frame is decoded and run through the model once. Durations are seconds: 2, 2s, 1.5s or 500ms.

            Examples:
              vidclass timeline talk.mp4 --window 4s --hop 2s
              vidclass timeline match.mp4 --model kinetics400 --format srt > match.srt
            """
    )

    @Argument(help: "The video file; - reads standard input (held in memory, up to 1 GiB).")
    var input: String

    @Option(name: .long, parsing: .unconditional, help: "Window length, e.g. 2s or 500ms.", transform: Self.seconds)
    var window: Double = 2

    @Option(name: .long, parsing: .unconditional, help: "Time between window starts, e.g. 1s.", transform: Self.seconds)
    var hop: Double = 1

    @Option(name: .long, parsing: .unconditional, help: "Frames pooled per window (default: the model's frames per clip: 16 for the built-in model, the training count for a trained model; a clip model sees them as one clip).")
    var framesPerWindow: Int?

    @Option(name: .long, help: ModelArgumentHelp.help("The model"))
    var model: String?

    @Option(name: .long, parsing: .unconditional, help: "Labels per window.")
    var top: Int = 1

    @Option(name: .long, help: "Output format: text, json, csv, srt or vtt.")
    var format: TimelineFormat = .text

    @OptionGroup var memory: MemoryOptions

    func validate() throws {
        let shortest = TimelineOptions.minimumSeconds
        guard window >= shortest else { throw ValidationError("--window must be a duration of at least 1ms, e.g. 2s.") }
        guard hop >= shortest else { throw ValidationError("--hop must be a duration of at least 1ms, e.g. 1s.") }
        if let framesPerWindow, !(1...256).contains(framesPerWindow) {
            throw ValidationError("--frames-per-window (\(framesPerWindow)) must be between 1 and 256.")
        }
        guard (1...1000).contains(top) else { throw ValidationError("--top (\(top)) must be between 1 and 1000.") }
    }

    func run() throws {
        try Failure.exitOnError {
            let classifier = try VideoClassifier(modelPath: model)
            let timeline = try classifier.timeline(
                videoInput(input), options: TimelineOptions(
                    window: window, hop: hop, framesPerWindow: framesPerWindow, top: top, memoryBudget: memory.budget))
            for warning in timeline.warnings { Failure.report("warning: \(warning)") }
            try StandardStreams.write(format.render(timeline), to: .output)
        }
    }

    /// Parses `2`, `2s`, `1.5s` or `500ms` into seconds.
    static func seconds(_ text: String) throws -> Double {
        let (number, scale) = text.hasSuffix("ms") ? (text.dropLast(2), 0.001) : text.hasSuffix("s") ? (text.dropLast(), 1.0) : (Substring(text), 1.0)
        guard let value = Double(number), value.isFinite else {
            throw ValidationError("'\(text)' is not a duration; write seconds like 2, 2s, 1.5s or 500ms.")
        }
        return value * scale
    }
}
