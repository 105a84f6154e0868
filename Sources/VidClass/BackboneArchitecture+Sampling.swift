import FrameSampling
import ModelCore

extension BackboneArchitecture {
    /// The frames a model of this architecture sees when its bundle says nothing else: `.uniform(frames: 16)`
    /// (TSN segment centres) for an image network, whose features are per frame; for a clip network,
    /// ``defaultClips`` dense clips of 64 consecutive frames at the video's own rate (I3D was trained on 64-frame
    /// clips), spread from the video's start to its end, looping a video shorter than a clip. `frames` overrides
    /// the count per clip. A bundle's own defaults take precedence: see ``BundleMetadata/defaultSampling``.
    public func defaultSampling(frames: Int? = nil) -> SamplingStrategy {
        SamplingRequest(frames: frames).strategy(for: self)
    }

    /// Clips a clip network averages over by default: mmaction2 tests I3D on 10, which costs ten forward passes
    /// per video; three already see most of a 10-second clip with 64-frame clips, at a third of the cost.
    public static let defaultClips = 3

    /// Clips of a strided sampling by default: ``defaultClips`` for a clip network, one for an image network.
    var defaultStrideClips: Int { isClipNetwork ? Self.defaultClips : 1 }

    /// How a model of this architecture spreads its frames by default: one dense clip for a clip network,
    /// segment centres for an image network. Converted and trained bundles record it as their `sampling`.
    public var defaultSamplingMethod: SamplingRequest.Method { isClipNetwork ? .stride : .uniform }

    /// The frame count of ``defaultSampling(frames:)``: 64 for a clip network, 16 for an image network.
    var defaultFrames: Int { isClipNetwork ? 64 : 16 }

    /// Frames between two samples of a strided clip by default: 1 for a clip network, which was trained on
    /// consecutive frames; 2 for an image network.
    var defaultStrideStep: Int { isClipNetwork ? 1 : 2 }

    /// Frames per training clip (`vidclass train`) by default: 8 for an image network, whose features are
    /// pooled frame by frame; 32 for a clip network, which needs them as one clip (at least 9). The trained
    /// bundle records the count, and classification, evaluation and timelines use it from then on.
    public var defaultTrainingFrames: Int { isClipNetwork ? 32 : 8 }
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
