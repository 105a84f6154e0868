/// torchvision's ResNet-18/34 (BasicBlock) and ResNet-50 (Bottleneck, stride on the 3×3 conv, "v1.5").
///
/// `conv1` 7×7/2 → `bn1` → ReLU → 3×3/2 max pool → `layer1`…`layer4` (planes w, 2w, 4w, 8w; strides
/// 1, 2, 2, 2) → global mean; the feature is what `fc` would read: 8w (Basic) or 32w (Bottleneck), i.e.
/// 512 / 2048 at the standard w = 64. Symmetric padding, BatchNorm ε = 1e-5. `baseWidth` below 64 gives
/// the small networks the tests use.
enum ResNet {
    static func plan(blocks: [Int], bottleneck: Bool, baseWidth: Int = 64) -> NetworkPlan {
        func unit(
            _ conv: String, _ norm: String, _ cin: Int, _ cout: Int, kernel: Int, stride: Int = 1,
            _ nonlinearity: Nonlinearity = .relu
        ) -> ConvBN {
            ConvBN(
                conv: conv, norm: norm, inChannels: cin, outChannels: cout, kernel: kernel, stride: stride,
                padding: .symmetric(kernel / 2), nonlinearity: nonlinearity, epsilon: 1e-5)
        }
        let expansion = bottleneck ? 4 : 1
        var layers: [LayerPlan] = [
            .conv(unit("conv1", "bn1", 3, baseWidth, kernel: 7, stride: 2)),
            .maxPool(Window(kernel: 3, stride: 2, padding: .symmetric(1))),
        ]
        var channels = baseWidth
        for (stage, count) in blocks.enumerated() {
            let planes = baseWidth << stage
            for b in 0..<count {
                let p = "layer\(stage + 1).\(b)."
                let stride = b == 0 && stage > 0 ? 2 : 1
                let out = planes * expansion
                let downsample =
                    stride != 1 || channels != out
                    ? unit(p + "downsample.0", p + "downsample.1", channels, out, kernel: 1, stride: stride, .none)
                    : nil
                if bottleneck {
                    layers.append(
                        .bottleneck(
                            unit(p + "conv1", p + "bn1", channels, planes, kernel: 1),
                            unit(p + "conv2", p + "bn2", planes, planes, kernel: 3, stride: stride),
                            unit(p + "conv3", p + "bn3", planes, out, kernel: 1),
                            downsample: downsample))
                } else {
                    layers.append(
                        .basicBlock(
                            unit(p + "conv1", p + "bn1", channels, planes, kernel: 3, stride: stride),
                            unit(p + "conv2", p + "bn2", planes, planes, kernel: 3),
                            downsample: downsample))
                }
                channels = out
            }
        }
        layers.append(.globalAveragePool)
        return NetworkPlan(layers: layers, featureDimension: channels)
    }
}
