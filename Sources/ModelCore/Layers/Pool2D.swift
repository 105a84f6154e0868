import CKernels

/// Max or average pooling over k×k windows (ResNet's 3×3 stride-2 max pool after the stem).
///
/// Averages count only in-image taps (PyTorch's `count_include_pad=False`); max pooling ignores padding.
/// Cost: one pass over the input per tap, n·ho·wo·k²·c comparisons or additions.
struct Pool2D: Layer {
    enum Kind: Sendable { case max, average }

    let kind: Kind
    let window: Window

    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        let shape = try window.checkedOutputShape(for: input.shape, channels: input.shape.channels, operation: "pool2d")
        let output = workspace.output(shape, avoiding: LiveMaps(input))
        var geometry = window.kernelWindow(for: input.shape)
        let isMax: Int32 = kind == .max ? 1 : 0
        parallelRanges(shape.batch * shape.height, on: workspace.compute, minimumPerThread: 4) { _, rows in
            vc_pool2d(input.pointer, &geometry, isMax, output.pointer, rows.lowerBound, rows.upperBound)
        }
        return output
    }
}

/// The mean over all spatial positions: `[n, h, w, c]` → `[n, 1, 1, c]`, the feature vector of a CNN.
struct GlobalAveragePool: Layer {
    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap {
        let s = input.shape
        let output = workspace.output(
            FeatureShape(batch: s.batch, height: 1, width: 1, channels: s.channels), avoiding: LiveMaps(input))
        vc_global_average_pool(input.pointer, Int32(s.batch), s.height * s.width, Int32(s.channels), output.pointer)
        return output
    }
}
