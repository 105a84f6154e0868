import ModelCore
import Synchronization
import VideoDecoding

/// One sampled frame after the image backbone: its feature row, and its picture when asked for.
struct EmbeddedFrame: Sendable {
    var features: [Float]
    var picture: RGBImage?
}

extension ModelBundle {
    /// The frames `selector` picks from a seekable `reader`, each run through the image backbone on the thread
    /// that decoded it, as soon as it is converted (``FrameSelector/selectInParallel(from:convert:)``): the
    /// network's work fills the cores while other GOPs decode, instead of waiting for the last one. Each decoding
    /// thread runs the backbone on its share of ``ComputeThreads/count``. Also returns the frame count and how
    /// many frames went through the backbone (each distinct request once).
    ///
    /// Nil for a stream (read on one thread, where a batch after decoding is as fast) or a clip network (which
    /// needs every frame at once).
    func embedWhileDecoding(
        _ reader: VideoReader, selector: FrameSelector, keepPictures: Bool
    ) throws -> (frames: [SelectedFrame<EmbeddedFrame>], frameCount: Int, backboneFrames: Int)? {
        guard !metadata.architecture.isClipNetwork else { return nil }
        let (backbone, spec) = (self.backbone, metadata.preprocess)
        let embedded = Atomic<Int>(0)
        // One input buffer per decoding thread at most, reused from frame to frame.
        let inputs = Mutex<[[Float]]>([])
        let selection = try selector.selectInParallel(from: reader) { frame, worker in
            var input = inputs.withLock { $0.popLast() } ?? [Float](repeating: 0, count: spec.valuesPerFrame)
            defer { inputs.withLock { [input] in $0.append(input) } }
            try frame.writeTensor(into: &input, at: 0, spec: spec)
            let features = try backbone.features(
                Tensor(shape: [1, spec.cropSize, spec.cropSize, 3], values: input),
                threads: max(1, ComputeThreads.count / worker.count))
            embedded.add(1, ordering: .relaxed)
            return EmbeddedFrame(features: features.values, picture: keepPictures ? try frame.rgbImage() : nil)
        }
        guard let (frames, frameCount) = selection else { return nil }
        return (frames, frameCount, embedded.load(ordering: .relaxed))
    }
}
