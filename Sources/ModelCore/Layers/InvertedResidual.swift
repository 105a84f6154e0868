/// The MBConv / inverted-residual block of EfficientNet-Lite and MobileNetV2.
///
/// `x → [1×1 expand + BN + act] → k×k depthwise + BN + act → 1×1 project + BN (linear) [+ x]`.
/// The expansion is absent when the ratio is 1; the shortcut is added (fused into the projection's
/// epilogue) when the stride is 1 and the channel count is unchanged.
struct InvertedResidual: Layer {
    let expand: Conv2D?
    let depthwise: DepthwiseConv2D
    let project: Conv2D
    let hasShortcut: Bool

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        let expanded = try expand.map { try $0(input, adding: nil, keeping: [], in: workspace) } ?? input
        let filtered = try depthwise(expanded, keeping: [input], in: workspace)
        return try project(filtered, adding: hasShortcut ? input : nil, keeping: [input], in: workspace)
    }
}
