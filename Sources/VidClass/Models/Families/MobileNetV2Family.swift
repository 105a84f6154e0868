import ModelCore
import VideoDecoding

/// torchvision's MobileNetV2: 1280-d features, torchvision's normalisation.
struct MobileNetV2Family: ImageNetworkFamily {
    func pretrainedClassifierName(of architecture: BackboneArchitecture) -> String { "classifier.1" }

    var pretrainedPreprocess: PreprocessSpec { Self.torchvisionPreprocess }
}
