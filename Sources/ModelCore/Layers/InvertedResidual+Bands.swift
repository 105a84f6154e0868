import CKernels

/// Band-by-band execution of an inverted residual on large feature maps.
///
/// Run layer by layer, a block at 112² or 56² writes its expanded activation (up to 4.8 MB a frame at
/// 112² × 96) to memory, then the depthwise convolution reads it back and writes another as large for the
/// projection: both pass through L3, and the profile showed the depthwise and the short-depth expansion
/// products running at half the speed they reach on cache-resident data. Here each thread walks its output
/// rows in bands: it expands just the input rows the band's filter needs into a scratch band of about
/// 256 KiB, filters them into a second small band, and projects that straight into the output (with the
/// shortcut), so the intermediates never leave L2. Input rows shared with the previous band are moved to the
/// front of the scratch band instead of being expanded again. Threads split the output rows, so a single
/// frame also runs on every thread without a synchronisation per layer.
extension InvertedResidual {
    /// Floats of expanded input one band may hold: 64 Ki, 256 KiB, half of L2.
    static let bandBudget = 1 << 16

    /// Expanded activations smaller than this many floats per frame (512 KiB) stay in L2 anyway and run
    /// layer by layer.
    static let bandingThreshold = 1 << 17

    /// Fewer projected rows per band than this make the products too short to pay for their weight reads.
    static let minimumBandPixels = 48

    /// The geometry of the bands for a block whose depthwise filter reads `input` (hidden channels).
    struct Bands {
        let window: vc_window
        /// Output rows per band.
        let rows: Int
        /// The most input rows one band reads.
        let inputRows: Int

        /// The input rows (clipped to the image) that output rows `outputRows` of one frame read.
        func inputRange(of outputRows: Range<Int>) -> Range<Int> {
            let stride = Int(window.stride), top = Int(window.pad_top), kernel = Int(window.kernel_height)
            let first = max(0, outputRows.lowerBound * stride - top)
            let end = min(Int(window.in_height), (outputRows.upperBound - 1) * stride - top + kernel)
            return first..<end
        }

        /// The filter window over a scratch band holding input rows `held` for output rows `outputRows`:
        /// rows outside the band are exactly the image's padding, so the kernel's usual edge handling applies.
        func bandWindow(holding held: Range<Int>, for outputRows: Range<Int>) -> vc_window {
            var band = window
            band.batch = 1
            band.in_height = Int32(held.count)
            band.out_height = Int32(outputRows.count)
            band.pad_top = window.pad_top - Int32(outputRows.lowerBound) * window.stride + Int32(held.lowerBound)
            return band
        }
    }

    /// The bands for `input`, or nil when the block should run layer by layer.
    func bands(for input: FeatureShape) -> Bands? {
        guard project.window.isPointwise, let frame = hiddenFrame(for: input) else { return nil }
        let hidden = depthwise.channels
        guard frame.height * frame.width * hidden >= Self.bandingThreshold else { return nil }
        let window = depthwise.window.kernelWindow(for: frame)
        let kernel = depthwise.window.kernel, stride = depthwise.window.stride
        let rowsInBudget = Self.bandBudget / (frame.width * hidden)
        let rows = min(max(1, (rowsInBudget - kernel) / stride + 1), Int(window.out_height))
        guard rows * Int(window.out_width) >= Self.minimumBandPixels else { return nil }
        return Bands(window: window, rows: rows, inputRows: (rows - 1) * stride + kernel)
    }

    /// One frame of the activation the depthwise filter reads (the expansion's output), or nil when the
    /// expansion cannot produce it row by row (only 1×1 products and the direct kernel can).
    private func hiddenFrame(for input: FeatureShape) -> FeatureShape? {
        let frame = FeatureShape(batch: 1, height: input.height, width: input.width, channels: input.channels)
        guard let expand else { return frame }
        if expand.window.isPointwise {
            return FeatureShape(batch: 1, height: frame.height, width: frame.width, channels: expand.outChannels)
        }
        guard expand.isDirect else { return nil }
        return try? expand.window.checkedOutputShape(for: frame, channels: expand.outChannels, operation: "conv2d")
    }

    /// Runs the block band by band into `output` (see the extension's note).
    func runInBands(_ input: FeatureMap, bands: Bands, into output: FeatureMap, workspace: Workspace) {
        let hidden = depthwise.channels
        let inputRowFloats = Int(bands.window.in_width) * hidden
        let outputWidth = Int(bands.window.out_width), outputHeight = Int(bands.window.out_height)
        let perThread = bands.inputRows * inputRowFloats + bands.rows * outputWidth * hidden
        workspace.columns.reserve(workspace.threads * perThread)
        let scratch = workspace.columns.pointer
        parallelRanges(
            input.shape.batch * outputHeight, on: workspace.compute, minimumPerThread: bands.rows
        ) { part, rows in
            let expanded = scratch + part * perThread
            let filtered = expanded + bands.inputRows * inputRowFloats
            var held: (frame: Int, rows: Range<Int>)?
            var start = rows.lowerBound
            while start < rows.upperBound {
                let frame = start / outputHeight, first = start % outputHeight
                let outputRows = first..<min(first + bands.rows, outputHeight, rows.upperBound - frame * outputHeight)
                let needed = bands.inputRange(of: outputRows)
                let band = fill(needed, of: frame, from: input, into: expanded, after: &held, rowFloats: inputRowFloats)
                var window = bands.bandWindow(holding: needed, for: outputRows)
                vc_depthwise_conv(
                    band, &window, depthwise.weights, depthwise.bias, depthwise.nonlinearity.kernelValue, filtered, 0,
                    Int(window.out_height))
                let offset = (frame * outputHeight + outputRows.lowerBound) * outputWidth * project.outChannels
                packedProduct(
                    filtered, rows: outputRows.count * outputWidth, depth: hidden, panels: project.panels,
                    bias: project.bias, columns: 0..<project.outChannels,
                    adding: hasShortcut ? UnsafePointer(input.pointer + offset) : nil, ldc: project.outChannels,
                    nonlinearity: project.nonlinearity, into: output.pointer + offset)
                start += outputRows.count
            }
        }
    }

    /// Makes hidden rows `needed` of `frame` (`rowFloats` floats each) available to the filter and returns
    /// where they start: the input itself without an expansion, otherwise `expanded`, keeping the rows `held`
    /// from the previous band (moved to the front) and expanding only the new ones.
    private func fill(
        _ needed: Range<Int>, of frame: Int, from input: FeatureMap, into expanded: UnsafeMutablePointer<Float>,
        after held: inout (frame: Int, rows: Range<Int>)?, rowFloats: Int
    ) -> UnsafePointer<Float> {
        let width = input.shape.width
        let frameRow = frame * input.shape.height
        guard let expand else { return UnsafePointer(input.pointer + (frameRow + needed.lowerBound) * rowFloats) }
        var fresh = needed
        if let previous = held, previous.frame == frame, previous.rows.contains(needed.lowerBound) {
            let kept = needed.lowerBound..<previous.rows.upperBound
            UnsafeMutableRawPointer(expanded).copyMemory(
                from: expanded + (kept.lowerBound - previous.rows.lowerBound) * rowFloats,
                byteCount: kept.count * rowFloats * MemoryLayout<Float>.stride)
            fresh = kept.upperBound..<needed.upperBound
        }
        if !fresh.isEmpty {
            let destination = expanded + (fresh.lowerBound - needed.lowerBound) * rowFloats
            if expand.window.isPointwise {
                packedProduct(
                    input.pointer + (frameRow + fresh.lowerBound) * width * expand.inChannels,
                    rows: fresh.count * width, depth: expand.inChannels, panels: expand.panels, bias: expand.bias,
                    columns: 0..<expand.outChannels, ldc: expand.outChannels, nonlinearity: expand.nonlinearity,
                    into: destination)
            } else {
                expand.runDirect(rows: fresh, of: frame, from: input, into: destination)
            }
        }
        held = (frame, needed)
        return UnsafePointer(expanded)
    }
}
