import FrameSampling
import ModelCore
import VideoDecoding

extension ModelBundle {
    /// Frames converted per backbone call: enough to keep the convolutions efficient, few enough that memory stays
    /// bounded (16 × 224² × 3 floats ≈ 10 MB) however many frames a timeline needs.
    static let featureBatchSize = 16

    /// The backbone features of the frames `strategy` picks from `reader`, in sampling order, and how many frames
    /// went through the backbone (each distinct frame once, even when sampled twice).
    ///
    /// Frames are found by ``FrameSelector`` exactly as classification finds them, converted into the bundle's
    /// input tensor, and run through the backbone ``featureBatchSize`` at a time while decoding goes on.
    func frameFeatures(
        from reader: VideoReader, strategy: SamplingStrategy, seek: SeekMode, inputName: String
    ) throws -> (features: FrameFeatures, backboneFrames: Int) {
        let spec = metadata.preprocess
        let slotSize = spec.cropSize * spec.cropSize * 3
        let dimension = backbone.featureDimension
        var pending: [Float] = []
        var rows: [Float] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            let batch = Tensor(shape: [pending.count / slotSize, spec.cropSize, spec.cropSize, 3], values: pending)
            rows += try backbone.features(batch).values
            pending.removeAll(keepingCapacity: true)
        }
        var converted = 0
        let selector = FrameSelector(strategy: strategy, seek: seek, inputName: inputName)
        let (frames, _) = try selector.select(from: reader) { frame in
            pending += repeatElement(0, count: slotSize)
            try frame.writeTensor(into: &pending, at: pending.count - slotSize, spec: spec)
            converted += 1
            if pending.count == Self.featureBatchSize * slotSize { try flush() }
            return converted - 1
        }
        try flush()
        let values = frames.flatMap { rows[$0.element * dimension..<($0.element + 1) * dimension] }
        let features = FrameFeatures(
            features: Tensor(shape: [frames.count, dimension], values: values),
            frames: frames.map { .init(index: $0.index, timestamp: $0.timestamp) }, fromCache: false)
        return (features, converted)
    }
}
