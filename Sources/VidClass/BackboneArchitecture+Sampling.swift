import FrameSampling
import ModelCore

extension BackboneArchitecture {
    /// The frames a model of this architecture sees by default: `.uniform(frames: 16)` (TSN segment centres)
    /// for an image network, whose features are per frame; one dense clip of 64 consecutive frames at the
    /// video's own rate for a clip network (I3D was trained on 64-frame clips), centred, looping a shorter video.
    /// `frames` overrides the count.
    public func defaultSampling(frames: Int? = nil) -> SamplingStrategy {
        isClipNetwork
            ? .stride(frames: frames ?? 64, step: 1, policy: .loop) : .uniform(frames: frames ?? 16)
    }
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
