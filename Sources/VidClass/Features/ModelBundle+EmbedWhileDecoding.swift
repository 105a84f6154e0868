import Foundation
import ModelCore
import Synchronization
import VideoDecoding

/// One sampled frame after the image backbone: its feature row, and its picture when asked for.
struct EmbeddedFrame: Sendable {
    var features: [Float]
    var picture: RGBImage?
    /// Set while the features are still to come (the frame was set aside, or shares another request's pass): the
    /// decoded frame they will be filed under. Copied along when a corrupt frame borrows this one, so the borrower
    /// gets the same features.
    var pendingFeatures: Int?
}

extension ModelBundle {
    /// Frames converted but not yet through the backbone that one decoding run may hold: 8 × 224² × 3 floats,
    /// 4.8 MB.
    static let setAsideLimit = 8

    /// The frames `selector` picks from a seekable `reader`, each run through the image backbone on a decoding
    /// thread (``FrameSelector/selectInParallel(from:whenOutOfWork:convert:)``): the network's work fills the cores
    /// while other GOPs decode, instead of waiting for the last one. Each decoding thread runs the backbone on its
    /// share of ``ComputeThreads/count``. Requests that land on the same decoded frame (in keyframe mode, targets
    /// that snap to one keyframe) share one pass. Also returns the frame count and how many frames went through
    /// the backbone.
    ///
    /// With several decoding threads, the first frames are converted and set aside (up to `setAsideLimit`) rather
    /// than embedded at once: a decoding thread that runs out of GOPs embeds set-aside frames while the others
    /// finish theirs, so the run does not end with one core decoding a last GOP and the other idle (on a 1080p
    /// clip the last GOP takes 100–250 ms on one core). Once every decoder is done, they share what is left.
    ///
    /// Nil for a stream (read on one thread, where a batch after decoding is as fast) or a clip network (which
    /// needs every frame at once).
    func embedWhileDecoding(
        _ reader: VideoReader, selector: FrameSelector, keepPictures: Bool
    ) throws -> (frames: [SelectedFrame<EmbeddedFrame>], frameCount: Int, backboneFrames: Int)? {
        guard !metadata.architecture.isClipNetwork else { return nil }
        let (backbone, spec) = (self.backbone, metadata.preprocess)
        let embedded = Atomic<Int>(0)
        // Input buffers, reused from frame to frame: one per decoding thread, plus those of set-aside frames.
        let inputs = Mutex<[[Float]]>([])
        let setAside = Mutex<[(index: Int, input: [Float])]>([])
        // Features by decoded frame index, and the decoded frames already claimed by a request.
        let results = Mutex<[Int: [Float]]>([:])
        let claimed = Mutex<Set<Int>>([])
        let workersDone = Atomic<Int>(0)
        @Sendable func embed(_ input: [Float], worker: DecodingWorker) throws -> [Float] {
            defer { inputs.withLock { $0.append(input) } }
            embedded.add(1, ordering: .relaxed)
            return try backbone.features(
                Tensor(shape: [1, spec.cropSize, spec.cropSize, 3], values: input),
                threads: max(1, ComputeThreads.count / worker.count)
            ).values
        }
        let selection = try selector.selectInParallel(from: reader, whenOutOfWork: { worker in
            workersDone.add(1, ordering: .relaxed)
            while true {
                if let (index, input) = setAside.withLock({ $0.popLast() }) {
                    let features = try embed(input, worker: worker)
                    results.withLock { $0[index] = features }
                } else if workersDone.load(ordering: .relaxed) == worker.count {
                    return
                } else {
                    // Another decoder is still at work and may set more frames aside.
                    Thread.sleep(forTimeInterval: 0.0005)
                }
            }
        }) { frame, worker in
            let index = frame.index
            let picture = keepPictures ? try frame.rgbImage() : nil
            let pending = EmbeddedFrame(features: [], picture: picture, pendingFeatures: index)
            guard claimed.withLock({ $0.insert(index).inserted }) else { return pending }
            var input = inputs.withLock { $0.popLast() } ?? [Float](repeating: 0, count: spec.valuesPerFrame)
            try frame.writeTensor(into: &input, at: 0, spec: spec)
            // A single decoding thread has no tail to fill: it embeds at once and keeps one buffer.
            let parked = worker.count > 1 && setAside.withLock { queue in
                guard queue.count < Self.setAsideLimit else { return false }
                queue.append((index, input))
                return true
            }
            if parked { return pending }
            let features = try embed(input, worker: worker)
            results.withLock { $0[index] = features }
            return EmbeddedFrame(features: features, picture: picture)
        }
        guard case (var frames, let frameCount)? = selection else { return nil }
        let computed = results.withLock { $0 }
        for position in frames.indices {
            guard let index = frames[position].element.pendingFeatures else { continue }
            frames[position].element.features = computed[index]!
            frames[position].element.pendingFeatures = nil
        }
        return (frames, frameCount, embedded.load(ordering: .relaxed))
    }
}
