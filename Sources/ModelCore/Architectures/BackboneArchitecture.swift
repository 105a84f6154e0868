/// The image networks vidclass can run, by the names used in model bundles and on the command line.
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

    /// The layer plan at the standard width.
    var plan: NetworkPlan {
        switch self {
        case .efficientNetLite0: EfficientNetLite0.plan()
        case .resNet18: ResNet.plan(blocks: [2, 2, 2, 2], bottleneck: false)
        case .resNet34: ResNet.plan(blocks: [3, 4, 6, 3], bottleneck: false)
        case .resNet50: ResNet.plan(blocks: [3, 4, 6, 3], bottleneck: true)
        case .mobileNetV2: MobileNetV2.plan()
        }
    }

    /// The length of the feature vector the backbone produces per frame.
    public var featureDimension: Int { plan.featureDimension }
}
