/// EfficientNet-Lite0 as lukemelas' PyTorch port names it and as its ImageNet weights expect.
///
/// Stem 3×3/2 conv → 32; seven MBConv stages (repeats, kernel, stride, expansion, out):
/// (1,3,1,1,16) (2,3,2,6,24) (2,5,2,6,40) (3,3,2,6,80) (3,5,1,6,112) (4,5,2,6,192) (1,3,1,6,320);
/// head 1×1 conv → 1280; global mean. TensorFlow-SAME padding, BatchNorm ε = 1e-3, ReLU6, no
/// squeeze-excite; the shortcut is used when the stride is 1 and the channel count is unchanged.
/// About 0.4 G multiply-adds per 224² frame.
enum EfficientNetLite0 {
    /// (repeats, kernel, stride, expansion, output channels) per stage.
    static let stages = [
        (1, 3, 1, 1, 16), (2, 3, 2, 6, 24), (2, 5, 2, 6, 40), (3, 3, 2, 6, 80),
        (3, 5, 1, 6, 112), (4, 5, 2, 6, 192), (1, 3, 1, 6, 320),
    ]

    static func plan() -> NetworkPlan {
        func unit(
            _ conv: String, _ norm: String, _ cin: Int, _ cout: Int, kernel: Int = 1, stride: Int = 1,
            depthwise: Bool = false, _ nonlinearity: Nonlinearity = .relu6
        ) -> ConvBN {
            ConvBN(
                conv: conv, norm: norm, inChannels: cin, outChannels: cout, kernel: kernel, stride: stride,
                padding: .tfSame, isDepthwise: depthwise, nonlinearity: nonlinearity, epsilon: 1e-3)
        }
        var layers: [LayerPlan] = [.conv(unit("_conv_stem", "_bn0", 3, 32, kernel: 3, stride: 2))]
        var channels = 32
        var index = 0
        for (repeats, kernel, stride, expansion, out) in stages {
            for r in 0..<repeats {
                let p = "_blocks.\(index)."
                let hidden = channels * expansion
                let expand = expansion == 1 ? nil : unit(p + "_expand_conv", p + "_bn0", channels, hidden)
                let depthwise = unit(
                    p + "_depthwise_conv", p + "_bn1", hidden, hidden, kernel: kernel, stride: r == 0 ? stride : 1,
                    depthwise: true)
                let project = unit(p + "_project_conv", p + "_bn2", hidden, out, .none)
                layers.append(.invertedResidual(expand: expand, depthwise: depthwise, project: project))
                channels = out
                index += 1
            }
        }
        layers.append(.conv(unit("_conv_head", "_bn1", channels, 1280)))
        layers.append(.globalAveragePool)
        return NetworkPlan(layers: layers, featureDimension: 1280)
    }
}
