/// The extent of a clip activation inside a 3-D network: `[batch, time, height, width, channels]` (NTHWC),
/// channels fastest, so a pointwise convolution is one matrix product over all `positions` and every window
/// reads contiguous channel vectors.
struct VolumeShape: Equatable, Sendable, CustomStringConvertible {
    var batch: Int
    var time: Int
    var height: Int
    var width: Int
    var channels: Int

    /// Elements in the activation.
    var count: Int { positions * channels }
    /// Space-time positions over the whole batch: the row count of the activation seen as a matrix.
    var positions: Int { batch * time * height * width }
    /// The shape as a `Tensor` shape.
    var dimensions: [Int] { [batch, time, height, width, channels] }

    var description: String { "\(dimensions)" }

    /// The same positions with another channel count.
    func with(channels: Int) -> VolumeShape {
        VolumeShape(batch: batch, time: time, height: height, width: width, channels: channels)
    }
}

/// Three extents or steps, one per axis of a clip: time, height, width.
struct Extent3: Equatable, Sendable, CustomStringConvertible {
    var time: Int
    var height: Int
    var width: Int

    init(_ time: Int, _ height: Int, _ width: Int) {
        self.time = time
        self.height = height
        self.width = width
    }

    /// The same value on all three axes.
    static func cube(_ side: Int) -> Extent3 { Extent3(side, side, side) }

    /// The number of cells of a window of this size.
    var volume: Int { time * height * width }

    var description: String { "\(time)×\(height)×\(width)" }
}
