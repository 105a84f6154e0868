/// A clip activation: in one of a `ClipWorkspace`'s buffers, or (the network's input) in memory the caller owns
/// for the duration of the pass.
struct Volume {
    let pointer: UnsafeMutablePointer<Float>
    /// The workspace buffer holding it; nil for the caller's input.
    let buffer: FloatBuffer?
    let shape: VolumeShape

    init(buffer: FloatBuffer, shape: VolumeShape) {
        pointer = buffer.pointer
        self.buffer = buffer
        self.shape = shape
    }

    /// The caller's clip at `input`, read in place; it must stay valid while the volume is used.
    init(borrowing input: UnsafePointer<Float>, shape: VolumeShape) {
        pointer = UnsafeMutablePointer(mutating: input)
        buffer = nil
        self.shape = shape
    }
}

/// The reusable memory of one 3-D forward pass: two buffers the trunk alternates between, three for an
/// Inception module's branch intermediates, and the unfolding scratch shared with the convolutions.
///
/// Buffers grow to the largest activation they hold and then stay, so clips of one length run without
/// allocating after the first. Not thread-safe: one pass at a time uses a workspace (a `WorkspacePool` hands
/// them out); `compute` says how many threads each operation may split across, and on which helpers.
final class ClipWorkspace {
    /// The trunk's ping-pong buffers.
    private let trunk = [FloatBuffer(), FloatBuffer()]
    /// Branch intermediates: the two reductions before 3×3×3 convolutions and the pooled input.
    let branches = [FloatBuffer(), FloatBuffer(), FloatBuffer()]
    /// Scratch for unfolded windows (one region per thread).
    let columns = FloatBuffer()
    /// Set for each pass; `ComputeContext/serial` when idle.
    var compute = ComputeContext.serial
    var threads: Int { compute.threads }

    /// A trunk buffer sized for `shape` that is not `input`'s.
    func trunkOutput(_ shape: VolumeShape, avoiding input: Volume?) -> Volume {
        let buffer = trunk[0] === input?.buffer ? trunk[1] : trunk[0]
        buffer.reserve(shape.count)
        return Volume(buffer: buffer, shape: shape)
    }

    /// Branch buffer `index` sized for `shape`.
    func branch(_ index: Int, _ shape: VolumeShape) -> Volume {
        branches[index].reserve(shape.count)
        return Volume(buffer: branches[index], shape: shape)
    }
}
