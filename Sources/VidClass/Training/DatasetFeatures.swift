import FrameSampling
import VideoDecoding

/// The per-frame features of every readable clip of a ``Dataset``, with the clips that could not be read.
///
/// ```swift
/// let features = DatasetFeatures(dataset, extractor: extractor, sampling: .uniform(frames: 8)) { done, total in … }
/// print(features.examples.count, features.cacheHits, features.skipped)
/// ```
///
/// Clips are read one after another (the backbone already uses every core); a clip that cannot be opened or
/// decoded is skipped with its one-sentence reason instead of stopping the run. With random sampling each clip
/// gets its own seed (unless `reseeding` is off), derived from `seed` and the clip's file name, so draws differ
/// between clips yet stay the same from run to run (and hit the cache).
public struct DatasetFeatures: Sendable {
    /// One readable clip and its features.
    public struct Example: Sendable {
        public var clip: Dataset.Clip
        public var features: FrameFeatures
    }

    public var examples: [Example]
    /// The dataset's own skip list followed by the clips that failed to decode.
    public var skipped: [Dataset.Skipped]
    /// How many clips came from the feature cache (nothing decoded).
    public var cacheHits: Int

    /// Reads every clip of `dataset`, sampling each by `sampling` and seeking by `seek`; `progress(done, total)`
    /// is called after each clip. With `reseeding`, random sampling gets a seed per clip (training); without,
    /// every clip is sampled exactly as classifying it with `sampling` would (evaluation).
    ///
    /// - Throws: ``VidClassError`` before reading any clip when one clip's planned buffers would not fit the
    ///   extractor's memory budget: the same for every clip, so it ends the job instead of skipping them all.
    public init(
        _ dataset: Dataset, extractor: FeatureExtractor, sampling: SamplingStrategy, seek: SeekMode = .exact,
        reseeding: Bool = true, progress: (Int, Int) -> Void = { _, _ in }
    ) throws(VidClassError) {
        try extractor.bundle.checkMemory(frames: sampling.frameCount ?? 0, budget: extractor.memoryBudget)
        examples = []
        skipped = dataset.skipped
        cacheHits = 0
        for (done, clip) in dataset.clips.enumerated() {
            do {
                let features = try extractor.features(of: .path(clip.path), sampling: reseeding ? Self.perClip(sampling, path: clip.path) : sampling, seek: seek)
                examples.append(Example(clip: clip, features: features))
                if features.fromCache { cacheHits += 1 }
            } catch {
                skipped.append(Dataset.Skipped(item: clip.path, reason: error.message))
            }
            progress(done + 1, dataset.clips.count)
        }
    }

    /// Random sampling reseeded per clip with the stable hash of its file name; other strategies unchanged.
    static func perClip(_ sampling: SamplingStrategy, path: String) -> SamplingStrategy {
        guard case .random(let frames, let seed) = sampling else { return sampling }
        return .random(frames: frames, seed: seed ^ StableHash.ofFileName(path))
    }
}
