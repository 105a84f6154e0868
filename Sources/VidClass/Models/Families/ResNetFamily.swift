import ModelCore
import VideoDecoding

/// torchvision's ResNet-18, -34 and -50: 512-d or 2048-d features, torchvision's normalisation.
struct ResNetFamily: ImageNetworkFamily {
    func pretrainedClassifierName(of architecture: BackboneArchitecture) -> String { "fc" }

    var pretrainedPreprocess: PreprocessSpec { Self.torchvisionPreprocess }
}
