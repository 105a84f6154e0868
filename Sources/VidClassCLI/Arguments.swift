import ArgumentParser
import FrameSampling
import ModelCore
import VideoDecoding

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
struct SamplingOptions: ParsableArguments {
    @Option(name: .long, help: "Number of frames T to sample.")
    var frames: Int = 16

    @Option(name: .long, help: "uniform: TSN segment centres; stride: one dense clip of T frames --stride apart; random: one random frame per segment.")
    var sampling: SamplingMethod = .uniform

    @Option(name: .long, help: "Frames between two samples of a strided clip.")
    var stride: Int = 2

    @Option(name: .long, help: "What a strided clip longer than the video does: loop, repeat-last or error.")
    var outOfRange: OutOfRangePolicy = .loop

    @Option(name: .long, help: "Seed of random sampling.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "exact: decode exactly the sampled frames; keyframe: nearest keyframes only (faster, approximate).")
    var seek: SeekMode = .exact

    func validate() throws {
        guard (1...10_000).contains(frames) else {
            throw ValidationError("--frames (\(frames)) must be between 1 and 10000.")
        }
        guard (1...100_000).contains(stride) else {
            throw ValidationError("--stride (\(stride)) must be between 1 and 100000.")
        }
    }

    var strategy: SamplingStrategy {
        switch sampling {
        case .uniform: .uniform(frames: frames)
        case .stride: .stride(frames: frames, step: stride, policy: outOfRange)
        case .random: .random(frames: frames, seed: seed)
        }
    }
}
