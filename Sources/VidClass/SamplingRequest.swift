import FrameSampling
import ModelCore

/// The sampling a caller asks for, field by field; every field left `nil` comes from the model.
///
/// ```swift
/// let metadata = try ModelBundle(modelArgument: "mine.safetensors").metadata   // trained on 8 uniform frames
/// metadata.samplingStrategy()                                      // .uniform(frames: 8)
/// metadata.samplingStrategy(for: SamplingRequest(frames: 4))       // .uniform(frames: 4)
/// metadata.samplingStrategy(for: SamplingRequest(method: .stride)) // .stride(frames: 8, step: 2, policy: .loop)
/// ```
///
/// This is where the rule "the model's sampling unless told otherwise" lives: classification, evaluation,
/// features, timelines and the command line all resolve what they were asked through
/// ``strategy(for:frames:method:)``, so a model classifies a video the same way whichever task runs it. The
/// defaults, field by field: the method and frame count the bundle was trained or converted with (see
/// ``BundleMetadata/frames`` and ``BundleMetadata/sampling``), else its architecture's (16 uniform frames for
/// an image network, three dense clips of 64 spread over the video for a clip network); a stride of 1 between
/// a clip network's frames (it was trained on consecutive frames) and 2 between an image network's; three
/// strided clips for a clip network and one for an image network; a strided clip longer than the video loops;
/// seed 0.
public struct SamplingRequest: Sendable, Equatable {
    /// How the frames are spread over the video.
    public enum Method: String, Sendable, CaseIterable {
        /// TSN segment centres: T segments of equal length, the middle frame of each.
        case uniform
        /// Dense clips of T frames, `step` apart: one centred on the video, or several spread from its start to
        /// its end (``SamplingRequest/clips``).
        case stride
        /// One random frame per segment.
        case random
    }

    public var method: Method?
    /// The number of frames T.
    public var frames: Int?
    /// Frames between two samples of a strided clip.
    public var step: Int?
    /// What a strided clip longer than the video does.
    public var outOfRange: OutOfRangePolicy?
    /// The seed of random sampling.
    public var seed: UInt64?
    /// How many strided clips are spread over the video, their outputs averaged (mmaction2's `num_clips`);
    /// by default ``ModelFamily/defaultClips`` for a clip network and one for an image network.
    /// Only strided sampling has clips: setting this without a method asks for strided sampling.
    public var clips: Int?

    public init(
        method: Method? = nil, frames: Int? = nil, step: Int? = nil, outOfRange: OutOfRangePolicy? = nil,
        seed: UInt64? = nil, clips: Int? = nil
    ) {
        self.method = method
        self.frames = frames
        self.step = step
        self.outOfRange = outOfRange
        self.seed = seed
        self.clips = clips
    }

    /// The strategy for a model of `architecture` whose own defaults are `frames` frames sampled by `method`
    /// (each `nil` falls back to the architecture's): the fields this request sets, the rest from those defaults.
    public func strategy(
        for architecture: BackboneArchitecture, frames defaultFrames: Int? = nil, method defaultMethod: Method? = nil
    ) -> SamplingStrategy {
        let count = frames ?? defaultFrames ?? architecture.family.defaultFrames
        switch method ?? (clips != nil ? .stride : nil) ?? defaultMethod ?? architecture.family.defaultSamplingMethod {
        case .uniform:
            return .uniform(frames: count)
        case .stride:
            let step = step ?? architecture.family.defaultStrideStep
            let clips = clips ?? architecture.family.defaultClips
            return clips > 1
                ? .clips(count: clips, frames: count, step: step, policy: outOfRange ?? .loop)
                : .stride(frames: count, step: step, policy: outOfRange ?? .loop)
        case .random:
            return .random(frames: count, seed: seed ?? 0)
        }
    }
}
