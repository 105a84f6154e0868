import Foundation

@testable import ModelCore

/// Textbook NHWC loops the kernels are checked against: slow, obvious, and independent of the C code.
enum NaiveReference {
    /// Output extent and leading padding, written out from the definitions (TF-SAME or PyTorch padding).
    static func axis(_ input: Int, kernel: Int, stride: Int, tfSame: Bool, padding: Int) -> (Int, Int) {
        if tfSame {
            let out = Int((Double(input) / Double(stride)).rounded(.up))
            let total = max(0, (out - 1) * stride + kernel - input)
            return (out, total / 2)
        }
        return ((input + 2 * padding - kernel) / stride + 1, padding)
    }

    static func activate(_ v: Float, _ f: Nonlinearity) -> Float {
        switch f {
        case .none: v
        case .relu: max(v, 0)
        case .relu6: min(max(v, 0), 6)
        case .hardSwish: v * min(max(v + 3, 0), 6) / 6
        case .sigmoid: 1 / (1 + Foundation.exp(-v))
        }
    }

    /// A grouped convolution over x `[n, h, w, cin]` with PyTorch weights `[cout, cin/groups, k, k]`.
    static func conv(
        _ x: Tensor, torchWeights w: [Float], bias: [Float], cout: Int, kernel k: Int, stride: Int, groups: Int,
        tfSame: Bool, padding: Int, nonlinearity: Nonlinearity, residual: [Float]? = nil
    ) -> Tensor {
        let (n, h, wd, cin) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (ho, top) = axis(h, kernel: k, stride: stride, tfSame: tfSame, padding: padding)
        let (wo, left) = axis(wd, kernel: k, stride: stride, tfSame: tfSame, padding: padding)
        let perGroupIn = cin / groups
        let perGroupOut = cout / groups
        var y = [Float](repeating: 0, count: n * ho * wo * cout)
        for b in 0..<n {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    for o in 0..<cout {
                        var sum = bias[o]
                        let g = o / perGroupOut
                        for ky in 0..<k {
                            for kx in 0..<k {
                                let iy = oy * stride - top + ky
                                let ix = ox * stride - left + kx
                                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                for i in 0..<perGroupIn {
                                    let xv = x.values[((b * h + iy) * wd + ix) * cin + g * perGroupIn + i]
                                    sum += xv * w[((o * perGroupIn + i) * k + ky) * k + kx]
                                }
                            }
                        }
                        let index = ((b * ho + oy) * wo + ox) * cout + o
                        y[index] = activate(sum + (residual?[index] ?? 0), nonlinearity)
                    }
                }
            }
        }
        return Tensor(shape: [n, ho, wo, cout], values: y)
    }

    /// Max or average pooling with PyTorch padding (averages over in-image taps only).
    static func pool(_ x: Tensor, kernel k: Int, stride: Int, padding: Int, isMax: Bool) -> Tensor {
        let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (ho, _) = axis(h, kernel: k, stride: stride, tfSame: false, padding: padding)
        let (wo, _) = axis(wd, kernel: k, stride: stride, tfSame: false, padding: padding)
        var y = [Float]()
        for b in 0..<n {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    for ch in 0..<c {
                        var taps = [Float]()
                        for ky in 0..<k {
                            for kx in 0..<k {
                                let iy = oy * stride - padding + ky
                                let ix = ox * stride - padding + kx
                                if iy >= 0, iy < h, ix >= 0, ix < wd {
                                    taps.append(x.values[((b * h + iy) * wd + ix) * c + ch])
                                }
                            }
                        }
                        y.append(isMax ? taps.max()! : taps.reduce(0, +) / Float(taps.count))
                    }
                }
            }
        }
        return Tensor(shape: [n, ho, wo, c], values: y)
    }
}
