/// A growable float buffer owned by a `Workspace`; its memory is uninitialised after growth.
final class FloatBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    /// Makes room for `count` floats, discarding the contents if it must grow.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        pointer = .allocate(capacity: count)
        capacity = count
    }

    deinit { pointer.deallocate() }
}

/// An activation batch living in one of a workspace's buffers.
struct FeatureMap {
    let buffer: FloatBuffer
    let shape: FeatureShape

    var pointer: UnsafeMutablePointer<Float> { buffer.pointer }
}

/// The reusable memory of one forward pass: a few activation buffers and an im2col scratch area.
///
/// Buffers grow to the largest activation they are asked to hold and then stay, so a network run
/// repeatedly at one batch size allocates nothing in steady state. Not thread-safe: one pass at a time
/// uses a workspace (`WorkspacePool` hands them out).
final class Workspace {
    /// Enough for the most live activations any block holds at once (a bottleneck with a downsample:
    /// input, two intermediates, the shortcut and the output).
    private let buffers = (0..<5).map { _ in FloatBuffer() }
    /// Scratch for unfolded convolution windows (one region per thread).
    let columns = FloatBuffer()
    /// The threads the layers may split one operation across; set for each pass (`ComputeContext/serial` when
    /// idle, so a pooled workspace never keeps a caller's helper threads alive).
    var compute = ComputeContext.serial
    var threads: Int { compute.threads }

    /// A buffer for an activation of `shape` that is none of the buffers in `live`.
    func output(_ shape: FeatureShape, avoiding live: LiveMaps) -> FeatureMap {
        guard let free = buffers.first(where: { !live.contains($0) }) else {
            preconditionFailure(
                "Workspace has no free buffer; a block holds more than \(buffers.count - 1) activations.")
        }
        free.reserve(shape.count)
        return FeatureMap(buffer: free, shape: shape)
    }
}
