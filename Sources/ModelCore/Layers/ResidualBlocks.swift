/// ResNet's BasicBlock (ResNet-18/34): `relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))`.
///
/// conv1 carries the stride; the shortcut is `x`, or a 1×1 strided conv + BN (`downsample`) when the shape
/// changes. The addition and final ReLU are fused into conv2's epilogue.
struct BasicBlock: Layer {
    let conv1: Conv2D
    let conv2: Conv2D
    let downsample: Conv2D?

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        let shortcut = try downsample.map { try $0(input, adding: nil, keeping: .none, in: workspace) } ?? input
        let hidden = try conv1(input, adding: nil, keeping: LiveMaps(shortcut), in: workspace)
        return try conv2(hidden, adding: shortcut, keeping: .none, in: workspace)
    }
}

/// ResNet's Bottleneck (ResNet-50, torchvision v1.5: the stride sits on the 3×3 conv):
/// `relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + shortcut(x))`, the addition and ReLU fused
/// into conv3's epilogue.
struct Bottleneck: Layer {
    let conv1: Conv2D
    let conv2: Conv2D
    let conv3: Conv2D
    let downsample: Conv2D?

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        let shortcut = try downsample.map { try $0(input, adding: nil, keeping: .none, in: workspace) } ?? input
        let reduced = try conv1(input, adding: nil, keeping: LiveMaps(shortcut), in: workspace)
        let filtered = try conv2(reduced, adding: nil, keeping: LiveMaps(shortcut), in: workspace)
        return try conv3(filtered, adding: shortcut, keeping: .none, in: workspace)
    }
}
