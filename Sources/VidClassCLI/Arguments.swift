import ArgumentParser
import VidClass

extension SeekMode: ExpressibleByArgument {}
extension Pooling: ExpressibleByArgument {}
extension OutOfRangePolicy: ExpressibleByArgument {}

/// The sampling methods the command line offers.
enum SamplingMethod: String, CaseIterable, ExpressibleByArgument {
    case uniform, stride, random
}

/// Maps an INPUT argument to a decoder input: `-` is standard input, anything else a path.
func videoInput(_ argument: String) -> VideoInput {
    argument == "-" ? .standardInput : .path(argument)
}

/// Options shared by the commands that sample frames (`classify`, `frames`).
///
/// Numeric options of every command take the next word as their value even when it starts with `-`
/// (`parsing: .unconditional`), so `--stride -1` reaches validation and is refused with its range, rather than
/// being read as an unknown flag and reported as a missing value.
struct SamplingOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Number of frames T to sample (default: 16; 64 for a clip model such as kinetics400).")
    var frames: Int?

    @Option(name: .long, help: "uniform: TSN segment centres; stride: one dense clip of T frames --stride apart; random: one random frame per segment (default: uniform; stride for a clip model).")
    var sampling: SamplingMethod?

    @Option(name: .long, parsing: .unconditional, help: "Frames between two samples of a strided clip (default: 2; 1 for a clip model).")
    var stride: Int?

    @Option(name: .long, help: "What a strided clip longer than the video does: loop, repeat-last or error.")
    var outOfRange: OutOfRangePolicy = .loop

    @Option(name: .long, parsing: .unconditional, help: "Seed of random sampling.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "exact: decode exactly the sampled frames; keyframe: nearest keyframes only (faster, approximate).")
    var seek: SeekMode = .exact

    func validate() throws {
        if let frames, !(1...10_000).contains(frames) {
            throw ValidationError("--frames (\(frames)) must be between 1 and 10000.")
        }
        if let stride, !(1...100_000).contains(stride) {
            throw ValidationError("--stride (\(stride)) must be between 1 and 100000.")
        }
    }

    /// The strategy for an image model: what was asked, else 16 uniform frames (a stride of 2 for clips).
    var strategy: SamplingStrategy { strategy(for: .efficientNetLite0) }

    /// The strategy for a model of `architecture`: what was asked, the rest from the architecture's default
    /// (a clip network such as I3D takes one dense clip of `clipFrames` frames: the bundle's own clip length).
    func strategy(for architecture: BackboneArchitecture, clipFrames: Int = 64) -> SamplingStrategy {
        let clip = architecture.isClipNetwork
        let count = frames ?? (clip ? clipFrames : 16)
        switch sampling ?? (clip ? .stride : .uniform) {
        case .uniform: return .uniform(frames: count)
        case .stride: return .stride(frames: count, step: stride ?? (clip ? 1 : 2), policy: outOfRange)
        case .random: return .random(frames: count, seed: seed)
        }
    }
}
