import Foundation
import ModelCore
import Synchronization
import VideoDecoding

/// One sampled frame after the image backbone: its feature row, and its picture when asked for.
struct EmbeddedFrame: Sendable {
    /// Filled in once decoding is over (the frame may have been set aside, or share another request's pass).
    var features: [Float] = []
    var picture: RGBImage?
    /// The decoded frame whose features these are. Copied along when a corrupt frame borrows this one, so the
    /// borrower gets the same features.
    var decodedIndex: Int
}

extension Pipeline {
    /// Frames converted but not yet through the backbone that one decoding run may hold: 8 × 224² × 3 floats,
    /// 4.8 MB.
    static let setAsideLimit = 8

    /// The frames `selector` picks from a seekable `reader`, each run through the image backbone on a decoding
    /// thread (``FrameSelector/selectInParallel(from:whenOutOfWork:convert:)``): the network's work fills the cores
    /// while other GOPs decode, instead of waiting for the last one. Each decoding thread runs the backbone on its
    /// share of ``compute``'s threads. Requests that land on the same decoded frame (in keyframe mode, targets
    /// that snap to one keyframe) share one pass.
    ///
    /// With several decoding threads, the first frames are converted and set aside (up to `setAsideLimit`) rather
    /// than embedded at once: a decoding thread that runs out of GOPs embeds set-aside frames while the others
    /// finish theirs, so the run does not end with one core decoding a last GOP and the other idle (on a 1080p
    /// clip the last GOP takes 100–250 ms on one core). Once every decoder is done, they share what is left.
    ///
    /// Nil for a stream (read on one thread, where batches as decoding goes on are as fast) or a clip network
    /// (which needs every frame at once).
    ///
    /// When damaged data makes the reader number the frames again, the whole run starts over on the new numbering.
    func embedPerFrameWhileDecoding(
        _ reader: VideoReader, selector: FrameSelector, keepPictures: Bool
    ) throws -> EmbeddedClip? {
        let selection: (frames: [SelectedFrame<EmbeddedFrame>], frameCount: Int, backboneFrames: Int)?
        do {
            selection = try embedWhileDecodingOnce(reader, selector: selector, keepPictures: keepPictures)
        } catch let error as VideoError where error.kind == .framesRenumbered {
            selection = try embedWhileDecodingOnce(reader, selector: selector, keepPictures: keepPictures)
        }
        guard let (frames, frameCount, backboneFrames) = selection else { return nil }
        let dimension = bundle.backbone.featureDimension
        let features = FrameFeatures(
            features: Tensor(shape: [frames.count, dimension], values: frames.flatMap(\.element.features)),
            frames: frames.map { .init(index: $0.index, timestamp: $0.timestamp) }, fromCache: false)
        return EmbeddedClip(
            frames: frames.map { $0.with(element: $0.element.picture) }, features: features, frameCount: frameCount,
            backboneFrames: backboneFrames)
    }

    private func embedWhileDecodingOnce(
        _ reader: VideoReader, selector: FrameSelector, keepPictures: Bool
    ) throws -> (frames: [SelectedFrame<EmbeddedFrame>], frameCount: Int, backboneFrames: Int)? {
        guard !bundle.metadata.architecture.family.seesClips else { return nil }
        let (backbone, spec, compute) = (bundle.backbone, bundle.metadata.preprocess, self.compute)
        let embedded = Atomic<Int>(0)
        // Input buffers, reused from frame to frame: one per decoding thread, plus those of set-aside frames.
        let inputs = Mutex<[[Float]]>([])
        let setAside = Mutex<[(index: Int, input: [Float])]>([])
        // Features by decoded frame index, and the decoded frames already claimed by a request.
        let results = Mutex<[Int: [Float]]>([:])
        let claimed = Mutex<Set<Int>>([])
        let workersDone = Atomic<Int>(0)
        /// Runs the backbone on decoded frame `index`'s converted `input`, files the features, recycles the buffer.
        @Sendable func embed(_ index: Int, _ input: [Float], worker: DecodingWorker) throws {
            defer { inputs.withLock { $0.append(input) } }
            embedded.add(1, ordering: .relaxed)
            let features = try backbone.features(
                Tensor(shape: [1, spec.cropSize, spec.cropSize, 3], values: input),
                in: compute.withThreads(compute.threads / worker.count))
            results.withLock { $0[index] = features.values }
        }
        let selection = try selector.selectInParallel(from: reader, whenOutOfWork: { worker in
            workersDone.add(1, ordering: .relaxed)
            while true {
                if let (index, input) = setAside.withLock({ $0.popLast() }) {
                    try embed(index, input, worker: worker)
                } else if workersDone.load(ordering: .relaxed) == worker.count {
                    return
                } else {
                    // Another decoder is still at work and may set more frames aside.
                    Thread.sleep(forTimeInterval: 0.0005)
                }
            }
        }) { frame, worker in
            let index = frame.index
            let embeddedFrame = EmbeddedFrame(picture: keepPictures ? try frame.rgbImage() : nil, decodedIndex: index)
            guard claimed.withLock({ $0.insert(index).inserted }) else { return embeddedFrame }
            var input = inputs.withLock { $0.popLast() } ?? [Float](repeating: 0, count: spec.valuesPerFrame)
            try frame.writeTensor(into: &input, at: 0, spec: spec)
            // A single decoding thread has no tail to fill: it embeds at once and keeps one buffer.
            let parked = worker.count > 1 && setAside.withLock { queue in
                guard queue.count < Self.setAsideLimit else { return false }
                queue.append((index, input))
                return true
            }
            if !parked { try embed(index, input, worker: worker) }
            return embeddedFrame
        }
        guard case (var frames, let frameCount)? = selection else { return nil }
        let computed = results.withLock { $0 }
        for position in frames.indices {
            frames[position].element.features = computed[frames[position].element.decodedIndex]!
        }
        return (frames, frameCount, embedded.load(ordering: .relaxed))
    }
}
