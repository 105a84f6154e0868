import Dispatch
import Synchronization
import WeightFiles

/// A loaded CNN backbone: layers with folded weights run in sequence over reusable workspaces.
///
/// `features` copies frames into a workspace, runs every layer, and returns the globally pooled feature
/// of each frame. With several compute threads, a batch of at least that many frames is shared out frame
/// by frame: each thread takes the next unclaimed frame and runs it single-threaded in its own workspace
/// (no per-layer synchronisation), so a thread the machine slows down simply takes fewer frames. (Fixed
/// halves measured up to 40 ms apart per 16-frame batch on a shared 2-core VM.) A smaller batch runs with
/// every layer split across threads. Frames pass through the
/// layers `microBatch` at a time; one frame at a time measured fastest on EfficientNet-Lite0 at 224²
/// (its activations then stay in L2/L3), larger values only make activation buffers bigger. Concurrent
/// calls each take their own workspaces from the pool. In steady state a call allocates its returned tensor
/// (two objects) and, only when one frame's layers are split across threads, one small object per parallel
/// region (the escaping wrapper that shares a region's closure with the other thread: 37 per Lite0 frame);
/// `vidclass-bench allocs` counts them. Cost: about 0.4 G multiply-adds per 224² EfficientNet-Lite0 frame.
struct ConvolutionalBackbone: Backbone {
    let architecture: BackboneArchitecture
    let featureDimension: Int
    let layers: [any Layer]
    /// Frames per pass through the layers.
    var microBatch = 1
    private let workspaces = WorkspacePool { Workspace() }

    init(architecture: BackboneArchitecture, plan: NetworkPlan, reader: ParameterReader) throws {
        self.architecture = architecture
        featureDimension = plan.featureDimension
        layers = InvertedResidual.fusingStems(try Self.load(plan.layers, from: reader))
    }

    /// Loads the layers on every core at once, each layer one task (decoding fp16 and folding BatchNorm into
    /// the GEMM panels is independent per layer): the default bundle's load went from about 43 to 32 ms on two
    /// cores. The first error (in layer order) is thrown.
    private static func load(_ plans: [LayerPlan], from reader: ParameterReader) throws -> [any Layer] {
        let loaded = Mutex([Result<any Layer, any Error>?](repeating: nil, count: plans.count))
        DispatchQueue.concurrentPerform(iterations: plans.count) { position in
            let layer = Result { try plans[position].load(reader) }
            loaded.withLock { $0[position] = layer }
        }
        return try loaded.withLock { $0 }.map { try $0!.get() }
    }

    func features(_ batch: Tensor, in context: ComputeContext) throws -> Tensor {
        let shape = try FeatureShape(batch, operation: "\(architecture.rawValue) backbone")
        guard shape.channels == 3 else {
            throw ModelError.shape(
                "\(architecture.rawValue) backbone", expects: "an RGB batch [n, h, w, 3]", got: batch.shape)
        }
        let threads = context.threads
        let sharesFrames = threads > 1 && shape.batch >= threads
        var output = [Float](repeating: 0, count: shape.batch * featureDimension)
        let failure = Mutex<(any Error)?>(nil)
        let claimed = Atomic<Int>(0)
        batch.values.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                let (source, target) = (source.baseAddress!, target.baseAddress!)
                parallelRanges(sharesFrames ? threads : 1, on: context) { _, _ in
                    do {
                        try workspaces.withWorkspace { workspace in
                            workspace.compute = sharesFrames ? .serial : context
                            defer { workspace.compute = .serial }
                            while failure.withLock({ $0 == nil }) {
                                let start = claimed.add(microBatch, ordering: .relaxed).oldValue
                                guard start < shape.batch else { return }
                                let frames = start..<min(start + microBatch, shape.batch)
                                try run(frames, of: shape, from: source, into: target, in: workspace)
                            }
                        }
                    } catch {
                        failure.withLock { $0 = $0 ?? error }
                    }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return Tensor(shape: [shape.batch, featureDimension], values: output)
    }

    /// Runs `frames` of the batch (`shape`, at `source`) through the layers together, writing their features
    /// to `target`.
    private func run(
        _ frames: Range<Int>, of shape: FeatureShape, from source: UnsafePointer<Float>,
        into target: UnsafeMutablePointer<Float>, in workspace: Workspace
    ) throws {
        let frameSize = shape.height * shape.width * shape.channels
        let part = FeatureShape(batch: frames.count, height: shape.height, width: shape.width, channels: 3)
        var x = workspace.output(part, avoiding: .none)
        x.pointer.update(from: source + frames.lowerBound * frameSize, count: frames.count * frameSize)
        for layer in layers { x = try layer(x, in: workspace) }
        guard x.shape.count == frames.count * featureDimension else {
            throw ModelError.shape(
                "\(architecture.rawValue) feature", expects: "[\(frames.count), 1, 1, \(featureDimension)]",
                got: x.shape.dimensions)
        }
        (target + frames.lowerBound * featureDimension).update(from: x.pointer, count: x.shape.count)
    }
}
