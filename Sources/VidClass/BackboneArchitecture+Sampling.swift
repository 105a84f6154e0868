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
