import ModelCore
import VideoDecoding

/// EfficientNet-Lite0 in lukemelas' naming: the default model, 1280-d features, inputs scaled to [−1, 1).
struct EfficientNetLite0Family: ImageNetworkFamily {
    func pretrainedClassifierName(of architecture: BackboneArchitecture) -> String { "_fc" }

    var pretrainedPreprocess: PreprocessSpec {
        PreprocessSpec(resizeShortSide: 256, cropSize: 224, mean: [127, 127, 127], std: [128, 128, 128])
    }
}
