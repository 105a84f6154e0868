import ArgumentParser
import Foundation
import VidClass

/// `vidclass probe INPUT... [--count]`: metadata as JSON.
struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each input's video metadata as JSON.",
        discussion: "One JSON object for one input, an array for several. --count adds the exact frame count, keyframes and per-frame timestamps from a demux-only scan (no decoding)."
    )

    @Argument(help: "Video files; - reads standard input.")
    var inputs: [String]

    @Flag(name: .long, help: "Scan the file (demux only) for the exact frame count, keyframes and timestamps.")
    var count = false

    @OptionGroup var pipe: PipeBufferOption

    func run() throws {
        try Failure.exitOnError {
            var records: [ProbeRecord] = []
            var failures = 0
            for input in inputs {
                do {
                    records.append(try probe(input))
                } catch {
                    guard inputs.count > 1 else { throw error }
                    let failure = VidClassError(error)
                    Failure.report("\(input): \(failure.commandLineMessage)")
                    records.append(ProbeRecord(input: input, error: .init(code: failure.category.rawValue, exitCode: failure.exitCode, message: failure.commandLineMessage)))
                    failures += 1
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = inputs.count == 1 ? try encoder.encode(records[0]) : try encoder.encode(records)
            try StandardStreams.write(bytes: data + Data("\n".utf8), to: .output)
            if failures > 0 { throw ExitCode(69) }
        }
    }

    private func probe(_ input: String) throws -> ProbeRecord {
        let probe = try VideoProbe(videoInput(input), countingFrames: count, pipeBufferLimit: pipe.pipeBuffer)
        return ProbeRecord(
            input: input, info: probe.info, frameCount: probe.frameCount, keyframes: probe.keyframes,
            isVariableFrameRate: probe.isVariableFrameRate, timestamps: probe.timestamps)
    }
}

/// What `probe` prints for one input.
struct ProbeRecord: Encodable {
    var input: String
    var info: VideoInfo?
    var frameCount: Int?
    var keyframes: [Int]?
    var isVariableFrameRate: Bool?
    var timestamps: [Double]?
    var error: ErrorRecord.Detail?

    init(
        input: String, info: VideoInfo? = nil, frameCount: Int? = nil, keyframes: [Int]? = nil,
        isVariableFrameRate: Bool? = nil, timestamps: [Double]? = nil, error: ErrorRecord.Detail? = nil
    ) {
        self.input = input
        self.info = info
        self.frameCount = frameCount
        self.keyframes = keyframes
        self.isVariableFrameRate = isVariableFrameRate
        self.timestamps = timestamps
        self.error = error
    }
}
