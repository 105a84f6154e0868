import ArgumentParser
import Foundation
import VidClass

/// `vidclass frames INPUT --frames T | --indices … --out DIR|-`: the sampled frames as PNGs or raw RGB.
struct Frames: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the frames a sampling picks, as PNG files or raw rgb24 on standard output.",
        discussion: """
            Shows exactly which frames a classification would use. PNG files are named frame_NNNNNN.png after the decoded frame's index; existing files are kept unless --force. With --out - the frames go to standard output as raw rgb24, one after another (sizes on standard error).

            Examples:
              vidclass frames clip.mp4 --frames 8 --out frames/
              vidclass frames clip.mp4 --times 1.5,3 --out frames/
              vidclass frames clip.mp4 --every 2 --size 224 --out frames/
              vidclass frames clip.mp4 --indices 0,10,25 --size 224 --out - |
                ffplay -f rawvideo -pixel_format rgb24 -video_size 224x224 -
            """
    )

    @Argument(help: "The video file; - reads standard input.")
    var input: String

    @Option(name: .long, parsing: .unconditional, help: "Explicit 0-based frame indices, comma-separated (instead of --frames/--sampling).")
    var indices: String?

    @Option(name: .long, parsing: .unconditional, help: "Times in seconds, comma-separated: the frame shown at each (as ffmpeg -ss picks).")
    var times: String?

    @Option(name: .long, parsing: .unconditional, help: "One frame every this many seconds.")
    var every: Double?

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .long, parsing: .unconditional, help: "Resize the short side to this size and centre-crop a square (the model's view). Default: native size.")
    var size: Int?

    @Option(name: .long, help: "A folder for PNG files, or - for raw rgb24 on standard output.")
    var out: String

    @Flag(name: .long, help: "Replace existing PNG files.")
    var force = false

    @Option(name: .long, parsing: .unconditional, help: "Decoder threads (0: automatic).")
    var threads: Int = 0

    @OptionGroup var pipe: PipeBufferOption

    func validate() throws {
        if let size, !(8...8192).contains(size) { throw ValidationError("--size (\(size)) must be between 8 and 8192.") }
        if let indices { _ = try Self.parseIndices(indices) }
        if let times { _ = try Self.parseTimes(times) }
        if let every, !(every.isFinite && every > 0) {
            throw ValidationError("--every (\(every)) must be a positive number of seconds.")
        }
        guard [indices != nil, times != nil, every != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("Choose one of --indices, --times and --every.")
        }
    }

    func run() throws {
        try Failure.exitOnError {
            let selection: FrameExtraction.Selection
            if let indices {
                selection = .sampling(.indices(try Self.parseIndices(indices)))
            } else if let times {
                selection = .times(try Self.parseTimes(times))
            } else if let every {
                selection = .every(seconds: every)
            } else {
                selection = .sampling(sampling.builtInModelStrategy)
            }
            let frames = try FrameExtraction.extract(
                videoInput(input), selection: selection, seek: sampling.seek, size: size, decoderThreads: threads,
                pipeBufferLimit: pipe.pipeBuffer)
            if out == "-" {
                try writeRaw(frames)
            } else {
                try writePNGs(frames)
            }
        }
    }

    /// Raw frames go out in sampling order; a frame that could not be decoded is left out (so the stream holds
    /// only real frames) and reported at the end.
    private func writeRaw(_ frames: [SelectedFrame<RGBImage>]) throws {
        for frame in frames where !frame.isSubstitute {
            try StandardStreams.write(bytes: frame.element.pixels, to: .output)
            StandardStreams.report(
                "frame \(frame.index) at \(String(format: "%.6f", frame.timestamp)) s: \(frame.element.width)x\(frame.element.height) rgb24\n")
        }
        try checkNoneMissing(frames)
    }

    private func writePNGs(_ frames: [SelectedFrame<RGBImage>]) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw VidClassError(.cannotCreate, "\(out) exists and is not a folder; choose a folder for --out, or - for standard output.")
        }
        do {
            try manager.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw VidClassError(.cannotCreate, "Cannot create the folder \(out); check the path and permissions.")
        }
        var written = Set<Int>()
        for frame in frames where !frame.isSubstitute && written.insert(frame.index).inserted {
            let path = (out as NSString).appendingPathComponent(String(format: "frame_%06d.png", frame.index))
            if !force && manager.fileExists(atPath: path) {
                throw VidClassError(.cannotCreate, "\(path) already exists; pass --force to replace it or choose another --out folder.")
            }
            guard manager.createFile(atPath: path, contents: Data(try frame.element.pngData())) else {
                throw VidClassError(.io, "Cannot write \(path); check free space and permissions.")
            }
            StandardStreams.report("\(path)  frame \(frame.index) at \(String(format: "%.3f", frame.timestamp)) s\n")
        }
        try checkNoneMissing(frames)
    }

    /// Throws a data error naming every requested frame that could not be decoded, after the others were written.
    private func checkNoneMissing(_ frames: [SelectedFrame<RGBImage>]) throws {
        let missing = Array(Set(frames.filter(\.isSubstitute).map(\.requestedIndex))).sorted()
        guard !missing.isEmpty else { return }
        let written = Set(frames.filter { !$0.isSubstitute }.map(\.index)).count
        throw VidClassError(
            .badData,
            "Frame\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(input) could not be decoded (damaged data), so \(missing.count == 1 ? "it was" : "they were") not written; the other \(written) were."
        )
    }

    static func parseTimes(_ text: String) throws -> [Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.count <= 100_000, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else {
            throw ValidationError("--times (\(text)) must be non-negative numbers of seconds separated by commas, e.g. 0.5,2,10.25.")
        }
        return values.map { $0! }
    }

    static func parseIndices(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 0 }), values.count <= 100_000 else {
            throw ValidationError("--indices (\(text)) must be non-negative integers separated by commas, e.g. 0,10,25.")
        }
        return values.map { $0! }
    }
}
