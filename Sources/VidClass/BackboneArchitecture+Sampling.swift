import FrameSampling
import ModelCore

extension BackboneArchitecture {
    /// The frames a model of this architecture sees by default: `.uniform(frames: 16)` (TSN segment centres)
    /// for an image network, whose features are per frame; for a clip network, ``defaultClips`` dense clips of
    /// 64 consecutive frames at the video's own rate (I3D was trained on 64-frame clips), spread from the
    /// video's start to its end, or one centred clip looping a video shorter than a clip. `frames` overrides
    /// the count per clip.
    public func defaultSampling(frames: Int? = nil) -> SamplingStrategy {
        isClipNetwork
            ? .clips(count: Self.defaultClips, frames: frames ?? 64, step: 1, policy: .loop) : .uniform(frames: frames ?? 16)
    }

    /// Clips a clip network averages over by default: mmaction2 tests I3D on 10, which costs ten forward passes
    /// per video; three already see most of a 10-second clip with 64-frame clips, at a third of the cost.
    public static let defaultClips = 3
}

extension BackboneArchitecture {
    /// Frames per training clip (`vidclass train`) and per timeline window by default: 8 for an image network,
    /// whose features are pooled frame by frame; 32 for a clip network, which needs them as one clip (at least 9).
    public var defaultWindowFrames: Int { isClipNetwork ? 32 : 8 }
}

extension BundleMetadata {
    /// The frames this bundle classifies by default: its architecture's default, with a clip network's clip as
    /// long as the bundle records (64 for the Kinetics-400 I3D; the training clip length for a head trained on it).
    public var defaultSampling: SamplingStrategy {
        architecture.defaultSampling(frames: architecture.isClipNetwork ? frames : nil)
    }
}
