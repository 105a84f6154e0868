import FrameSampling
import ModelCore

extension BackboneArchitecture {
    /// The frames a model of this architecture sees when its bundle says nothing else, as its ``family`` says:
    /// `.uniform(frames: 16)` (TSN segment centres) for an image network, whose features are per frame; for I3D,
    /// three dense clips of 64 consecutive frames at the video's own rate (it was trained on 64-frame clips),
    /// spread from the video's start to its end, looping a video shorter than a clip. `frames` overrides
    /// the count per clip. A bundle's own defaults take precedence: see ``BundleMetadata/defaultSampling``.
    public func defaultSampling(frames: Int? = nil) -> SamplingStrategy {
        SamplingRequest(frames: frames).strategy(for: self)
    }
}

extension BundleMetadata {
    /// The frames this bundle classifies by default: its ``frames``, spread by its ``sampling`` method (16
    /// uniform frames for the converted ImageNet model, one dense clip of 64 for the Kinetics-400 I3D, the
    /// training clip's count and method for a trained head). Every task uses it unless told otherwise.
    public var defaultSampling: SamplingStrategy { samplingStrategy() }

    /// The strategy for `request`: what it sets, the rest from this bundle (see ``SamplingRequest``). A
    /// `sampling` this vidclass does not know falls back to the architecture's method.
    public func samplingStrategy(for request: SamplingRequest = .init()) -> SamplingStrategy {
        request.strategy(for: architecture, frames: frames, method: SamplingRequest.Method(rawValue: sampling))
    }
}
