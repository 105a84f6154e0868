import VideoDecoding

/// What the pipeline made of one video: the frames it sampled, the backbone's features, and the counts that
/// reports need.
///
/// `frames` are the sampled frames in sampling order (a frame sampled twice appears twice), with their RGB
/// pictures when the caller asked to keep them. `features` has one row per sampled frame for an image backbone,
/// or one row per temporal position for a clip network (clip after clip), each row attributed to a frame.
struct EmbeddedClip {
    var frames: [SelectedFrame<RGBImage?>]
    var features: FrameFeatures
    /// The video's frame count: exact after the demux-only scan or the read of a whole stream.
    var frameCount: Int
    /// How many frames went through the backbone: each distinct decoded frame once.
    var backboneFrames: Int

    /// Whether the feature rows are the sampled frames themselves (an image backbone), so per-frame attention
    /// weights and labels mean something.
    var rowsAreFrames: Bool { features.features.shape[0] == frames.count }
}
