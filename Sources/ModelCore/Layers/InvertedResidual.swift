/// The MBConv / inverted-residual block of EfficientNet-Lite and MobileNetV2.
///
/// `x → [1×1 expand + BN + act] → k×k depthwise + BN + act → 1×1 project + BN (linear) [+ x]`.
/// The expansion is absent when the ratio is 1; the shortcut is added (fused into the projection's
/// epilogue) when the stride is 1 and the channel count is unchanged. Blocks on large feature maps run band by band
/// so their intermediates stay in cache (see `runInBands`); the others layer by layer. A network's stem, when it
/// runs on the direct kernel and feeds a block without expansion, becomes that block's expansion (`fusing`), so
/// its output — the largest activation of EfficientNet-Lite0 and MobileNetV2 — is made band by band too.
struct InvertedResidual: Layer {
    let expand: Conv2D?
    let depthwise: DepthwiseConv2D
    let project: Conv2D
    let hasShortcut: Bool

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        // Bands pay off on one thread (a batch split across threads, or a frame per decoding thread) and on several
        // (a frame split across threads: one synchronisation per block instead of three, and intermediates in each
        // core's L2; measured on EfficientNet-Lite0 at batch 1 on two threads, median 11.3–13.7 ms a frame against
        // 12.2–14.6 layer by layer, alternating the two in one process).
        if let bands = bands(for: input.shape) {
            return try applyInBands(input, bands: bands, in: workspace)
        }
        let expanded = try expand.map { try $0(input, adding: nil, keeping: .none, in: workspace) } ?? input
        let filtered = try depthwise(expanded, keeping: LiveMaps(input), in: workspace)
        return try project(filtered, adding: hasShortcut ? input : nil, keeping: LiveMaps(input), in: workspace)
    }

    /// The block band by band (see `runInBands`), on however many threads `workspace` has.
    func applyInBands(_ input: FeatureMap, bands: Bands, in workspace: Workspace) throws -> FeatureMap {
        let channels = expand?.inChannels ?? depthwise.channels
        guard input.shape.channels == channels else {
            throw ModelError.shape(
                "inverted residual", expects: "input [n, h, w, \(channels)]", got: input.shape.dimensions)
        }
        let shape = FeatureShape(
            batch: input.shape.batch, height: Int(bands.window.out_height), width: Int(bands.window.out_width),
            channels: project.outChannels)
        if hasShortcut, shape != input.shape {
            throw ModelError.shape("residual add", expects: "\(shape.dimensions)", got: input.shape.dimensions)
        }
        let output = workspace.output(shape, avoiding: LiveMaps(input))
        runInBands(input, bands: bands, into: output, workspace: workspace)
        return output
    }

    /// `block` with `stem`, the convolution run just before it, as its expansion; nil unless `stem` runs on the
    /// direct kernel (which can produce any rows a band needs) and `block` has no expansion or shortcut.
    static func fusing(_ stem: Conv2D, into block: InvertedResidual) -> InvertedResidual? {
        guard stem.isDirect, block.expand == nil, !block.hasShortcut, stem.outChannels == block.depthwise.channels
        else { return nil }
        return InvertedResidual(expand: stem, depthwise: block.depthwise, project: block.project, hasShortcut: false)
    }

    /// `layers` with every stem that can fuse into the block after it (see `fusing`) fused.
    static func fusingStems(_ layers: [any Layer]) -> [any Layer] {
        var fused: [any Layer] = []
        for layer in layers {
            if let block = layer as? InvertedResidual, let stem = fused.last as? Conv2D,
                let both = fusing(stem, into: block)
            {
                fused[fused.count - 1] = both
            } else {
                fused.append(layer)
            }
        }
        return fused
    }
}
