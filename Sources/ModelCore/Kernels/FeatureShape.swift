/// The NHWC extent of an activation batch inside a network: `[batch, height, width, channels]`.
struct FeatureShape: Equatable, Sendable, CustomStringConvertible {
    var batch: Int
    var height: Int
    var width: Int
    var channels: Int

    /// Elements in the batch.
    var count: Int { batch * height * width * channels }
    /// Spatial positions over the whole batch (the row count of an NHWC activation seen as a matrix).
    var pixels: Int { batch * height * width }
    /// The shape as a `Tensor` shape.
    var dimensions: [Int] { [batch, height, width, channels] }

    var description: String { "\(dimensions)" }

    /// The shape of `tensor`, which must be rank 4 (NHWC) with positive extents.
    /// (`operation` names the caller in the error, and is only built when there is one.)
    init(_ tensor: Tensor, operation: @autoclosure () -> String) throws {
        guard tensor.rank == 4, tensor.shape.allSatisfy({ $0 > 0 }) else {
            throw ModelError.shape(
                operation(), expects: "an NHWC batch [n, h, w, c] with positive extents", got: tensor.shape)
        }
        self.init(batch: tensor.shape[0], height: tensor.shape[1], width: tensor.shape[2], channels: tensor.shape[3])
    }

    init(batch: Int, height: Int, width: Int, channels: Int) {
        self.batch = batch
        self.height = height
        self.width = width
        self.channels = channels
    }
}
