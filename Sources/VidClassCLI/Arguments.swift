import ArgumentParser
import VidClass

extension SeekMode: ExpressibleByArgument {}
extension Pooling: ExpressibleByArgument {}
extension OutOfRangePolicy: ExpressibleByArgument {}

extension SamplingRequest.Method: ExpressibleByArgument {}

/// Maps an INPUT argument to a decoder input: `-` is standard input, anything else a path.
func videoInput(_ argument: String) -> VideoInput {
    argument == "-" ? .standardInput : .path(argument)
}

/// Options shared by the commands that sample frames (`classify`, `eval`, `features`, `frames`).
///
/// Each option left out comes from the model (see ``SamplingRequest``): the frames and method it was trained
/// or converted with. Numeric options of every command take the next word as their value even when it starts
/// with `-` (`parsing: .unconditional`), so `--stride -1` reaches validation and is refused with its range,
/// rather than being read as an unknown flag and reported as a missing value.
struct SamplingOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Number of frames T to sample (default: the model's own: 16 for the built-in model, 64 for kinetics400, the training count for a trained model).")
    var frames: Int?

    @Option(name: .long, help: "uniform: TSN segment centres; stride: one dense clip of T frames --stride apart; random: one random frame per segment (default: the model's own: uniform, or stride for a clip model).")
    var sampling: SamplingRequest.Method?

    @Option(name: .long, parsing: .unconditional, help: "Frames between two samples of a strided clip (default: 2; 1 for a clip model).")
    var stride: Int?

    @Option(name: .long, help: "What a strided clip longer than the video does: loop, repeat-last or error (default: loop).")
    var outOfRange: OutOfRangePolicy?

    @Option(name: .long, parsing: .unconditional, help: "Strided clips of T frames spread from the video's start to its end, their outputs averaged; implies --sampling stride (default: 3 for a clip model, 1 otherwise).")
    var clips: Int?

    @Option(name: .long, parsing: .unconditional, help: "Seed of random sampling (default: 0).")
    var seed: UInt64?

    @Option(name: .long, help: "exact: decode exactly the sampled frames; keyframe: nearest keyframes only (faster, approximate).")
    var seek: SeekMode = .exact

    func validate() throws {
        if let frames, !(1...10_000).contains(frames) {
            throw ValidationError("--frames (\(frames)) must be between 1 and 10000.")
        }
        if let stride, !(1...100_000).contains(stride) {
            throw ValidationError("--stride (\(stride)) must be between 1 and 100000.")
        }
        if let clips, !(1...100).contains(clips) {
            throw ValidationError("--clips (\(clips)) must be between 1 and 100.")
        }
        if clips != nil, let sampling, sampling != .stride {
            throw ValidationError("--clips spreads strided clips; drop it or use --sampling stride.")
        }
    }

    /// What was asked; the library fills in the rest from the model (``BundleMetadata/samplingStrategy(for:)``).
    var request: SamplingRequest {
        SamplingRequest(
            method: sampling, frames: frames, step: stride, outOfRange: outOfRange, seed: seed, clips: clips)
    }

    /// What was asked, the rest as the built-in image model samples (16 uniform frames), for `frames`, which
    /// shows the frames a classification would use without loading a model.
    var builtInModelStrategy: SamplingStrategy { request.strategy(for: .efficientNetLite0) }
}
