@testable import ModelCore

/// Textbook NTHWC loops for the clip kernels, written from the definitions (TensorFlow 'SAME': output
/// ⌈in / stride⌉, the odd padding cell after the data; max pooling ignores padded cells).
enum NaiveVolumeReference {
    /// A clip `[t, h, w, c]` (batch 1) and its extents.
    struct Clip {
        var t: Int, h: Int, w: Int, c: Int
        var values: [Float]

        func at(_ t: Int, _ y: Int, _ x: Int, _ c: Int) -> Float { values[((t * h + y) * w + x) * self.c + c] }
    }

    /// (output extent, leading padding) of one axis under 'SAME'.
    static func same(_ input: Int, kernel: Int, stride: Int) -> (Int, Int) {
        NaiveReference.axis(input, kernel: kernel, stride: stride, tfSame: true, padding: 0)
    }

    /// Dense 3-D convolution with DHWIO weights `[kt, kh, kw, cin, cout]`, bias and ReLU.
    static func conv(_ x: Clip, weights: [Float], bias: [Float], cout: Int, kernel: Extent3, stride: Extent3) -> Clip {
        let (ot, pt) = same(x.t, kernel: kernel.time, stride: stride.time)
        let (oh, ph) = same(x.h, kernel: kernel.height, stride: stride.height)
        let (ow, pw) = same(x.w, kernel: kernel.width, stride: stride.width)
        var out = [Float](repeating: 0, count: ot * oh * ow * cout)
        for t in 0..<ot {
            for y in 0..<oh {
                for xo in 0..<ow {
                    for o in 0..<cout {
                        var sum = bias[o]
                        for dt in 0..<kernel.time {
                            let it = t * stride.time - pt + dt
                            guard (0..<x.t).contains(it) else { continue }
                            for dy in 0..<kernel.height {
                                let iy = y * stride.height - ph + dy
                                guard (0..<x.h).contains(iy) else { continue }
                                for dx in 0..<kernel.width {
                                    let ix = xo * stride.width - pw + dx
                                    guard (0..<x.w).contains(ix) else { continue }
                                    for i in 0..<x.c {
                                        let tap = ((dt * kernel.height + dy) * kernel.width + dx) * x.c + i
                                        sum += x.at(it, iy, ix, i) * weights[tap * cout + o]
                                    }
                                }
                            }
                        }
                        out[((t * oh + y) * ow + xo) * cout + o] = max(sum, 0)
                    }
                }
            }
        }
        return Clip(t: ot, h: oh, w: ow, c: cout, values: out)
    }

    /// 3-D max pooling over the in-clip cells of each 'SAME' window.
    static func maxPool(_ x: Clip, kernel: Extent3, stride: Extent3) -> Clip {
        let (ot, pt) = same(x.t, kernel: kernel.time, stride: stride.time)
        let (oh, ph) = same(x.h, kernel: kernel.height, stride: stride.height)
        let (ow, pw) = same(x.w, kernel: kernel.width, stride: stride.width)
        var out = [Float](repeating: -.infinity, count: ot * oh * ow * x.c)
        for t in 0..<ot {
            for y in 0..<oh {
                for xo in 0..<ow {
                    for dt in 0..<kernel.time {
                        let it = t * stride.time - pt + dt
                        for dy in 0..<kernel.height {
                            let iy = y * stride.height - ph + dy
                            for dx in 0..<kernel.width {
                                let ix = xo * stride.width - pw + dx
                                guard (0..<x.t).contains(it), (0..<x.h).contains(iy), (0..<x.w).contains(ix) else {
                                    continue
                                }
                                for c in 0..<x.c {
                                    let o = ((t * oh + y) * ow + xo) * x.c + c
                                    out[o] = max(out[o], x.at(it, iy, ix, c))
                                }
                            }
                        }
                    }
                }
            }
        }
        return Clip(t: ot, h: oh, w: ow, c: x.c, values: out)
    }
}
