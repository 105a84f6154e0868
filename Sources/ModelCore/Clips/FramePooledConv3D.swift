/// A `Conv3D` followed by a max pool that works within each frame (window and stride 1 in time), computed one
/// output frame at a time: the convolution writes a frame into scratch and the pool shrinks it into the output
/// at once, so the full-resolution activation never exists.
///
/// I3D's stem (7×7×7/2 → 64 channels, then 1×3×3/1×2×2) and Conv3d_2c (→ 192, then the same pool) would otherwise
/// hold 103 MB and 77 MB activations for a 64-frame 224² clip; fused, each needs one 3 MB / 2.4 MB frame of
/// scratch and the activation stays in cache between the two steps. Results are identical to running the two.
struct FramePooledConv3D: Sendable {
    let conv: Conv3D
    let pool: MaxPool3D

    init(conv: Conv3D, pool: MaxPool3D) {
        precondition(
            pool.window.kernel.time == 1 && pool.window.stride.time == 1, "the pool must work within each frame")
        self.conv = conv
        self.pool = pool
    }

    func callAsFunction(_ input: Volume, in workspace: ClipWorkspace) throws -> Volume {
        let full = try conv.outputShape(for: input.shape)
        let frame = VolumeShape(batch: 1, time: 1, height: full.height, width: full.width, channels: full.channels)
        let pooledFrame = try pool.outputShape(for: frame)
        let output = workspace.trunkOutput(
            VolumeShape(
                batch: full.batch, time: full.time, height: pooledFrame.height, width: pooledFrame.width,
                channels: full.channels),
            avoiding: input)
        let scratch = workspace.branch(0, frame)
        let perFrame = frame.height * frame.width
        for index in 0..<(full.batch * full.time) {
            try conv.run(
                input, positions: (index * perFrame)..<((index + 1) * perFrame), into: scratch.pointer,
                outputStride: full.channels, workspace: workspace)
            pool.run(
                scratch.pointer, shape: frame, into: output.pointer + index * pooledFrame.count,
                compute: workspace.compute)
        }
        return output
    }
}
