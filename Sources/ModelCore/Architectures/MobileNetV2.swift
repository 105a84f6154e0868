/// torchvision's MobileNetV2: a 3×3/2 stem, 17 inverted-residual blocks, a 1×1 conv to 1280, global mean.
///
/// Blocks (expansion t, channels c, repeats n, stride s): (1,16,1,1) (6,24,2,2) (6,32,3,2) (6,64,4,2)
/// (6,96,3,1) (6,160,3,2) (6,320,1,1); channel counts are `width`-scaled and rounded to multiples of 8
/// (torchvision's `_make_divisible`). Symmetric padding, BatchNorm ε = 1e-5, ReLU6; the feature is the
/// input of `classifier` (1280-d at width 1).
enum MobileNetV2 {
    static let settings = [
        (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
        (6, 160, 3, 2), (6, 320, 1, 1),
    ]

    /// torchvision's `_make_divisible(v, 8)`: round to the nearest multiple of 8, never below 90 % of v.
    static func divisible(_ value: Double) -> Int {
        let rounded = max(8, Int(value + 4) / 8 * 8)
        return Double(rounded) < 0.9 * value ? rounded + 8 : rounded
    }

    static func plan(width: Double = 1) -> NetworkPlan {
        func unit(
            _ prefix: String, _ cin: Int, _ cout: Int, kernel: Int = 1, stride: Int = 1,
            depthwise: Bool = false
        ) -> ConvBN {
            ConvBN(
                conv: prefix + "0", norm: prefix + "1", inChannels: cin, outChannels: cout, kernel: kernel,
                stride: stride, padding: .symmetric(kernel / 2), isDepthwise: depthwise, nonlinearity: .relu6,
                epsilon: 1e-5)
        }
        var channels = divisible(32 * width)
        let last = divisible(1280 * max(1, width))
        var layers: [LayerPlan] = [.conv(unit("features.0.", 3, channels, kernel: 3, stride: 2))]
        var index = 1
        for (t, c, n, s) in settings {
            let out = divisible(Double(c) * width)
            for r in 0..<n {
                let p = "features.\(index).conv."
                let hidden = Int((Double(channels) * Double(t)).rounded())
                let expand = t == 1 ? nil : unit(p + "0.", channels, hidden)
                let d = t == 1 ? 0 : 1
                let depthwise = unit(p + "\(d).", hidden, hidden, kernel: 3, stride: r == 0 ? s : 1, depthwise: true)
                let project = ConvBN(
                    conv: p + "\(d + 1)", norm: p + "\(d + 2)", inChannels: hidden, outChannels: out, kernel: 1,
                    stride: 1, padding: .symmetric(0), nonlinearity: .none, epsilon: 1e-5)
                layers.append(.invertedResidual(expand: expand, depthwise: depthwise, project: project))
                channels = out
                index += 1
            }
        }
        layers.append(.conv(unit("features.\(index).", channels, last)))
        layers.append(.globalAveragePool)
        return NetworkPlan(layers: layers, featureDimension: last)
    }
}
