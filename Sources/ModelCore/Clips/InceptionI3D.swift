import Synchronization

/// A loaded Inception-I3D: a clip `[t, h, w, 3]` (values in [−1, 1]) → one feature per temporal position.
///
/// Unlike the image backbones, I3D sees the frames together: its features are not per frame. The trunk
/// shrinks time 8× (stride 2 in the stem, 4a and 5a pools), so a 64-frame clip ends as 8 × 7 × 7 × 1024;
/// DeepMind's logits average-pool that with a 2×7×7 'VALID' window (7 temporal positions for 64 frames) and
/// apply a 1×1×1 convolution to each position before the mean over time. Because that convolution is linear,
/// the mean of the per-position logits equals the classifier applied to the mean of the per-position
/// features: the 2×7×7 averages are exactly what a mean-pooling `ClassifierHead` needs to reproduce the
/// Kinetics-400 logits, and attention or max pooling can be trained over them like over frames.
///
/// A clip needs at least 9 frames of at least 193×193 (so 2 positions and a 7×7 grid remain). The whole clip
/// runs as one batch with every layer split across the given threads; concurrent calls each use
/// their own workspace. Cost: about 111 G multiply-adds for 64 frames at 224².
struct InceptionI3D: Backbone {
    let architecture = BackboneArchitecture.i3d
    let featureDimension: Int
    let stages: [Stage]
    private let workspaces = WorkspacePool { ClipWorkspace() }

    /// A runnable trunk step.
    enum Stage: Sendable {
        case unit(Conv3D)
        /// A unit and the within-frame pool after it, fused (the stem and Conv3d_2c).
        case pooledUnit(FramePooledConv3D)
        case maxPool(MaxPool3D)
        case inception(InceptionModule)
    }

    /// The logits' average-pooling window.
    static let poolWindow = Extent3(2, 7, 7)
    /// The smallest clip the network accepts: 9 frames (2 temporal positions), 193 px (a 7-wide grid).
    static let minimumFrames = 9
    static let minimumSide = 193

    init(plan: InceptionI3DPlan, reader: ParameterReader) throws {
        featureDimension = plan.featureDimension
        var stages: [Stage] = []
        for stage in plan.stages {
            switch stage {
            case .unit(let unit):
                stages.append(.unit(try unit.load(reader)))
            case .maxPool(let pool):
                if case .unit(let conv) = stages.last, pool.window.kernel.time == 1, pool.window.stride.time == 1 {
                    stages[stages.count - 1] = .pooledUnit(FramePooledConv3D(conv: conv, pool: pool))
                } else {
                    stages.append(.maxPool(pool))
                }
            case .inception(let units):
                stages.append(.inception(InceptionModule(units: try units.map { try $0.load(reader) })))
            }
        }
        self.stages = stages
    }

    func features(_ batch: Tensor, in context: ComputeContext) throws -> Tensor {
        let shape = try FeatureShape(batch, operation: "i3d backbone")
        guard shape.channels == 3, shape.batch >= Self.minimumFrames,
            min(shape.height, shape.width) >= Self.minimumSide
        else {
            throw ModelError.shape(
                "i3d backbone",
                expects: "a clip of at least \(Self.minimumFrames) RGB frames of at least \(Self.minimumSide)×\(Self.minimumSide) [t, h, w, 3]",
                got: batch.shape)
        }
        let clip = VolumeShape(batch: 1, time: shape.batch, height: shape.height, width: shape.width, channels: 3)
        return try workspaces.withWorkspace { workspace in
            workspace.compute = context
            defer { workspace.compute = .serial }
            return try batch.values.withUnsafeBufferPointer { input in
                try trunk(Volume(borrowing: input.baseAddress!, shape: clip), in: workspace)
            }
        }
    }

    /// Runs the stages on `input` (read in place, never written) and pools the result into position features.
    private func trunk(_ input: Volume, in workspace: ClipWorkspace) throws -> Tensor {
        var x = input
        for stage in stages {
            switch stage {
            case .unit(let conv): x = try conv(x, in: workspace)
            case .pooledUnit(let fused): x = try fused(x, in: workspace)
            case .maxPool(let pool): x = try pool(x, in: workspace)
            case .inception(let module): x = try module(x, in: workspace)
            }
        }
        return Self.positionFeatures(x)
    }

    /// The 2×7×7 'VALID' averages of the trunk's output, averaged over the spatial grid: `[positions, c]`.
    ///
    /// Each frame's spatial part is one weighted sum (a pixel's weight is how many 7×7 windows cover it,
    /// over 49 · windows), and position t averages frames t and t + 1.
    static func positionFeatures(_ x: Volume) -> Tensor {
        let s = x.shape
        let (rows, columns) = (s.height - poolWindow.height + 1, s.width - poolWindow.width + 1)
        func coverage(_ i: Int, _ extent: Int, _ windows: Int) -> Int {
            min(i, windows - 1) - max(0, i - extent + 1) + 1
        }
        var frames = [Float](repeating: 0, count: s.time * s.channels)
        let scale = 1 / Float(poolWindow.height * poolWindow.width * rows * columns)
        for t in 0..<s.time {
            for y in 0..<s.height {
                let wy = coverage(y, poolWindow.height, rows)
                for xPos in 0..<s.width {
                    let weight = Float(wy * coverage(xPos, poolWindow.width, columns)) * scale
                    let pixel = x.pointer + ((t * s.height + y) * s.width + xPos) * s.channels
                    for c in 0..<s.channels { frames[t * s.channels + c] += weight * pixel[c] }
                }
            }
        }
        let positions = s.time - poolWindow.time + 1
        var values = [Float](repeating: 0, count: positions * s.channels)
        for p in 0..<positions {
            for c in 0..<s.channels {
                values[p * s.channels + c] = (frames[p * s.channels + c] + frames[(p + 1) * s.channels + c]) / 2
            }
        }
        return Tensor(shape: [positions, s.channels], values: values)
    }
}
