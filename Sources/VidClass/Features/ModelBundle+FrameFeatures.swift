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
    /// Frames are found by ``FrameSelector`` exactly as classification finds them and converted into the bundle's
    /// input tensor. From a seekable input, an image backbone runs on each frame on the thread that decoded it
    /// (``embedWhileDecoding(_:selector:keepPictures:compute:)``); from a stream, ``featureBatchSize`` at a time while
    /// decoding goes on. A clip network (I3D) needs the clip whole: its frames go through in one pass, in sampling order, and each
    /// of its rows (a temporal position, T/(rows + 1) frames apart) is attributed to the frame at its centre.
    /// The backbone computes within `compute`.
    func frameFeatures(
        from reader: VideoReader, strategy: SamplingStrategy, seek: SeekMode, inputName: String,
        compute: ComputeContext
    ) throws -> (features: FrameFeatures, backboneFrames: Int) {
        let selector = FrameSelector(strategy: strategy, seek: seek, inputName: inputName)
        let dimension = backbone.featureDimension
        if let (frames, _, backboneFrames) = try embedWhileDecoding(
            reader, selector: selector, keepPictures: false, compute: compute)
        {
            let features = FrameFeatures(
                features: Tensor(shape: [frames.count, dimension], values: frames.flatMap(\.element.features)),
                frames: frames.map { .init(index: $0.index, timestamp: $0.timestamp) }, fromCache: false)
            return (features, backboneFrames)
        }
        let spec = metadata.preprocess
        let slotSize = spec.cropSize * spec.cropSize * 3
        var pending: [Float] = []
        var rows: [Float] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            let batch = Tensor(shape: [pending.count / slotSize, spec.cropSize, spec.cropSize, 3], values: pending)
            rows += try backbone.features(batch, in: compute).values
            pending.removeAll(keepingCapacity: true)
        }
        var converted = 0
        let isClip = metadata.architecture.isClipNetwork
        let (frames, _) = try selector.select(from: reader) { frame in
            pending += repeatElement(0, count: slotSize)
            try frame.writeTensor(into: &pending, at: pending.count - slotSize, spec: spec)
            converted += 1
            if !isClip, pending.count == Self.featureBatchSize * slotSize { try flush() }
            return converted - 1
        }
        if isClip { return try clipFeatures(pending, frames: frames, converted: converted, compute: compute) }
        try flush()
        let values = frames.flatMap { rows[$0.element * dimension..<($0.element + 1) * dimension] }
        let features = FrameFeatures(
            features: Tensor(shape: [frames.count, dimension], values: values),
            frames: frames.map { .init(index: $0.index, timestamp: $0.timestamp) }, fromCache: false)
        return (features, converted)
    }

    /// The clip network's features of the converted frames `slots`, arranged as `frames` lists them.
    private func clipFeatures(
        _ slots: [Float], frames: [SelectedFrame<Int>], converted: Int, compute: ComputeContext
    ) throws -> (features: FrameFeatures, backboneFrames: Int) {
        let spec = metadata.preprocess
        let values = framesInSamplingOrder(slots, slots: frames.map(\.element), valuesPerFrame: spec.valuesPerFrame)
        let clip = Tensor(shape: [frames.count, spec.cropSize, spec.cropSize, 3], values: values)
        let features = try backbone.features(clip, in: compute)
        let rows = features.shape[0]
        let centres = (0..<rows).map { row in min((row + 1) * frames.count / (rows + 1), frames.count - 1) }
        return (
            FrameFeatures(
                features: features,
                frames: centres.map { .init(index: frames[$0].index, timestamp: frames[$0].timestamp) }, fromCache: false),
            converted
        )
    }
}
