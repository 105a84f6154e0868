import Foundation
import FrameSampling
import ModelCore
import VideoDecoding
import WeightFiles

/// Computes per-frame backbone features h_t for the sampled frames of a video, through an optional on-disk cache.
///
/// ```swift
/// let extractor = try FeatureExtractor(cache: FeatureCache(directory: FeatureCache.defaultDirectory()))
/// let clip = try extractor.features(of: .path("clip.mp4"))   // the bundle's sampling: 16 uniform frames
/// print(clip.features.shape, clip.fromCache)   // [16, 1280] false, then true on the second call
/// ```
///
/// This is the first half of classification (decode → sample → convert → backbone) without the head; training,
/// evaluation and `vidclass features` are built on it. Frames are found exactly as ``VideoClassifier`` finds
/// them, so the features of a clip match what classification sees. Only file paths are cached (a stream has no
/// identity); random sampling is cached per seed, so a training run sees one fixed draw per clip.
///
/// Immutable and `Sendable`; each call opens its own decoder. Cost of a miss: one demux scan, decoding of the
/// sampled frames' GOPs and one backbone pass over T frames; a hit reads one small file.
public struct FeatureExtractor: Sendable {
    /// The bundle whose backbone and preprocessing are used (its head is ignored).
    public let bundle: ModelBundle
    /// The SHA-256 naming the backbone's weights (see ``ModelBundle``'s head-only bundles).
    public let backboneDigest: String
    /// Where features are cached; `nil` computes everything afresh.
    public let cache: FeatureCache?
    /// Decoder threads per call; 0 lets FFmpeg choose.
    public var decoderThreads: Int = 0
    /// The memory one video's planned buffers may take; checked before decoding (see ``MemoryBudget``).
    public var memoryBudget: MemoryBudget = .default
    /// The threads the backbone computes on (default ``ComputeContext/process``).
    public var compute: ComputeContext = .process

    /// Uses the backbone of `bundle` (the default bundle when nil).
    public init(bundle: ModelBundle? = nil, cache: FeatureCache? = nil) throws(VidClassError) {
        let resolved: ModelBundle
        if let bundle { resolved = bundle } else { resolved = try ModelBundle(contentsOf: try ModelBundle.defaultPath()) }
        self.bundle = resolved
        self.cache = cache
        self.backboneDigest = try Self.digest(of: resolved)
    }

    /// The features of `input`'s frames picked by `sampling`; `nil` uses the bundle's own
    /// (``BundleMetadata/defaultSampling``), the frames classification picks by default.
    /// - Throws: ``VidClassError`` when the input cannot be opened or decoded, or the sampling is invalid.
    public func features(
        of input: VideoInput, sampling: SamplingStrategy? = nil, seek: SeekMode = .exact
    ) throws(VidClassError) -> FrameFeatures {
        try features(of: input, sampling: sampling, seek: seek, cancellation: nil)
    }

    /// `features(of:sampling:seek:)`, whose decoding stops with `.cancelled` once `cancellation` is raised.
    func features(
        of input: VideoInput, sampling: SamplingStrategy?, seek: SeekMode, cancellation: CancellationFlag?
    ) throws(VidClassError) -> FrameFeatures {
        let sampling = sampling ?? bundle.metadata.defaultSampling
        try bundle.checkMemory(frames: sampling.frameCount ?? 0, budget: memoryBudget)
        let spec = bundle.metadata.preprocess
        let configuration = "\(sampling.summary)|\(seek.rawValue)|\(bundle.metadata.architecture.rawValue)|\(backboneDigest)|\(spec.resizeShortSide),\(spec.cropSize),\(spec.mean),\(spec.std)"
        var key: String?
        var warnings: [String] = []
        if case .path(let path) = input, let cache {
            key = FeatureCache.key(path: path, configuration: configuration)
            if let key {
                switch cache.load(key: key, backboneDigest: backboneDigest, featureDimension: bundle.backbone.featureDimension) {
                case .hit(let hit): return hit
                case .miss: break
                case .invalid(let reason):
                    warnings.append("The cached features of \(path) were ignored and computed again: the cache entry is invalid (\(reason)).")
                }
            }
        }
        var computed = try compute(input, sampling: sampling, seek: seek, cancellation: cancellation)
        if let key, let cache { try cache.store(computed, key: key, backboneDigest: backboneDigest) }
        computed.warnings = warnings
        return computed
    }

    private func compute(
        _ input: VideoInput, sampling: SamplingStrategy, seek: SeekMode, cancellation: CancellationFlag?
    ) throws(VidClassError) -> FrameFeatures {
        do {
            let reader = try VideoReader(input, options: DecoderOptions(threadCount: decoderThreads, cancellation: cancellation))
            return try Pipeline(bundle: bundle, compute: compute).embed(
                reader, sampling: sampling, seek: seek, inputName: input.displayName, keepPictures: false
            ).features
        } catch {
            throw VidClassError(error)
        }
    }

    /// A head-only bundle names its backbone in its metadata; a full bundle's backbone tensors are hashed.
    static func digest(of bundle: ModelBundle) throws(VidClassError) -> String {
        if let digest = bundle.metadata.backboneDigest { return digest }
        do {
            guard let digest = BackboneDigest.of(try WeightFile.read(contentsOf: bundle.path)) else {
                throw VidClassError(.badData, "\(bundle.path) holds no backbone tensors and names no backbone digest; use a bundle made by 'vidclass convert' or 'vidclass train'.")
            }
            return digest
        } catch {
            throw VidClassError(error)
        }
    }
}
