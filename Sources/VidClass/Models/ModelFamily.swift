import ModelCore
import VideoDecoding

/// What vidclass needs to know about one family of backbones, asked of one type: how it sees frames, how it
/// samples by default, how its pretrained weights are laid out, and which installed bundle holds them.
///
/// Classification, features, timelines, training, conversion and the command line ask the family instead of
/// testing the architecture, so a new family (a ViT image tower, a flow stream) is one conformance here, its
/// layers in `ModelCore`, and a case in ``BackboneArchitecture/family``; nothing else changes.
///
/// ```swift
/// let family = BackboneArchitecture.i3d.family
/// family.seesClips          // true: one feature per temporal position of a clip
/// family.defaultFrames      // 64 frames per clip
/// family.defaultClips       // 3 clips spread over the video
/// ```
///
/// Families are stateless values; asking one costs nothing.
public protocol ModelFamily: Sendable {
    /// Whether the network sees a clip's frames together (its features are one per temporal position, and it
    /// needs a dense clip of consecutive frames) rather than each frame alone (one feature per frame).
    var seesClips: Bool { get }
    /// Frames per sample when the bundle says nothing else: per clip for a clip network.
    var defaultFrames: Int { get }
    /// Frames between two samples of a strided clip by default.
    var defaultStrideStep: Int { get }
    /// Strided clips spread over a video by default (mmaction2's test-time `num_clips`).
    var defaultClips: Int { get }
    /// Frames per training clip (`vidclass train`) by default; the trained bundle records it.
    var defaultTrainingFrames: Int { get }
    /// The tensor-name stem of the pretrained classifier in the family's source checkpoints.
    func pretrainedClassifierName(of architecture: BackboneArchitecture) -> String
    /// The preprocessing the family's pretrained weights were trained with.
    var pretrainedPreprocess: PreprocessSpec { get }
    /// The installed bundle that holds this family's pretrained backbone, which head-only bundles borrow.
    var installedBundleName: String { get }
}

extension ModelFamily {
    /// How the family spreads its frames by default: dense clips for a clip network, segment centres for an
    /// image network. Converted and trained bundles record it as their `sampling`.
    public var defaultSamplingMethod: SamplingRequest.Method { seesClips ? .stride : .uniform }
}

extension BackboneArchitecture {
    /// The family of this architecture: the registry of what differs between backbones.
    public var family: any ModelFamily {
        switch self {
        case .efficientNetLite0: EfficientNetLite0Family()
        case .resNet18, .resNet34, .resNet50: ResNetFamily()
        case .mobileNetV2: MobileNetV2Family()
        case .i3d: InceptionI3DFamily()
        }
    }
}
