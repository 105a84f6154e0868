import ModelCore
import VideoDecoding

/// A family of image networks: each frame goes through the network alone and gives one feature vector, so
/// frames can be sampled anywhere and pooled in any number.
///
/// Defaults shared by every image family: 16 uniform frames (TSN segment centres), strided clips 2 frames apart,
/// one clip, 8 frames per training clip, and the converted default bundle as the installed backbone.
protocol ImageNetworkFamily: ModelFamily {}

extension ImageNetworkFamily {
    var seesClips: Bool { false }
    var defaultFrames: Int { 16 }
    var defaultStrideStep: Int { 2 }
    var defaultClips: Int { 1 }
    var defaultTrainingFrames: Int { 8 }
    var installedBundleName: String { ModelBundle.defaultFileName }

    /// torchvision's ImageNet normalisation, which every torchvision backbone expects.
    static var torchvisionPreprocess: PreprocessSpec {
        PreprocessSpec(
            resizeShortSide: 256, cropSize: 224, mean: [0.485 * 255, 0.456 * 255, 0.406 * 255],
            std: [0.229 * 255, 0.224 * 255, 0.225 * 255])
    }
}
