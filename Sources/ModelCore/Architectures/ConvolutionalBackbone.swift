import WeightFiles

/// A loaded CNN backbone: layers with folded weights run in sequence over reusable workspaces.
///
/// `features` copies the batch into a workspace, runs every layer, and returns the globally pooled
/// feature of each frame. Large batches run in micro-batches of `microBatch` frames: activations then
/// stay small (cache-friendly and bounded memory) while 1×1 convolutions still multiply tens of thousands
/// of rows at once. Concurrent calls each take their own workspace from the pool; in steady state nothing
/// is allocated apart from the returned tensor.
struct ConvolutionalBackbone: Backbone {
    let architecture: BackboneArchitecture
    let featureDimension: Int
    let layers: [any Layer]
    /// Frames per pass through the layers.
    var microBatch = 4
    private let workspaces = WorkspacePool()

    init(architecture: BackboneArchitecture, plan: NetworkPlan, reader: ParameterReader) throws {
        self.architecture = architecture
        featureDimension = plan.featureDimension
        layers = try plan.layers.map { try $0.load(reader) }
    }

    func features(_ batch: Tensor) throws -> Tensor {
        let shape = try FeatureShape(batch, operation: "\(architecture.rawValue) backbone")
        guard shape.channels == 3 else {
            throw ModelError.shape("\(architecture.rawValue) backbone", expects: "an RGB batch [n, h, w, 3]", got: batch.shape)
        }
        var output = [Float](repeating: 0, count: shape.batch * featureDimension)
        let frameCount = shape.height * shape.width * 3
        try workspaces.withWorkspace { workspace in
            var start = 0
            while start < shape.batch {
                let frames = min(microBatch, shape.batch - start)
                var part = FeatureShape(batch: frames, height: shape.height, width: shape.width, channels: 3)
                var x = workspace.output(part, avoiding: [])
                batch.values.withUnsafeBufferPointer { source in
                    x.pointer.update(from: source.baseAddress! + start * frameCount, count: frames * frameCount)
                }
                for layer in layers { x = try layer(x, in: workspace) }
                part = x.shape
                guard part.count == frames * featureDimension else {
                    throw ModelError.shape("\(architecture.rawValue) feature", expects: "[\(frames), 1, 1, \(featureDimension)]", got: part.dimensions)
                }
                output.withUnsafeMutableBufferPointer { target in
                    (target.baseAddress! + start * featureDimension).update(from: x.pointer, count: part.count)
                }
                start += frames
            }
        }
        return Tensor(shape: [shape.batch, featureDimension], values: output)
    }
}
