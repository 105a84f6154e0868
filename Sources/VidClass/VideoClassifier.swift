import FrameSampling
import ModelCore
import VideoDecoding

/// Classifies videos with one loaded model bundle.
///
/// ```swift
/// let classifier = try VideoClassifier()                        // the default EfficientNet-Lite0 bundle
/// let result = try classifier.classify(.path("clip.mp4"))      // the bundle's sampling (16 uniform frames), top-5
/// print(result.predictions[0].label)
/// ```
///
/// Thread safety: a classifier is immutable and `Sendable`. Share one across tasks; each `classify` call opens
/// its own decoder, so calls run concurrently without locks (the backbone's scratch buffers are per call).
/// Cost per call: one demux-only scan of the file, decoding of the sampled frames' GOPs, and one backbone
/// forward pass over the T sampled frames as a batch.
public final class VideoClassifier: Sendable {
    public let bundle: ModelBundle

    public init(bundle: ModelBundle) {
        self.bundle = bundle
    }

    /// Loads the bundle at `modelPath`; nil means the default bundle, and a name of
    /// ``ModelBundle/namedModels`` (`"kinetics400"`) an installed one.
    public convenience init(modelPath: String? = nil) throws(VidClassError) {
        self.init(bundle: try ModelBundle(modelArgument: modelPath))
    }

    /// Classifies one video.
    public func classify(_ input: VideoInput, options: ClassifyOptions = .init()) throws(VidClassError) -> Classification {
        try classifyKeepingFrames(input, options: options).classification
    }

    /// Classifies one video and also returns the sampled frames as RGB pictures when `options.keepFrames` is set.
    public func classifyKeepingFrames(
        _ input: VideoInput, options: ClassifyOptions
    ) throws(VidClassError) -> (classification: Classification, frames: [RGBImage]) {
        try classifyKeepingFrames(input, options: options, cancellation: nil)
    }

    /// `classifyKeepingFrames(_:options:)`, whose decoding stops with `.cancelled` once `cancellation` is raised.
    func classifyKeepingFrames(
        _ input: VideoInput, options: ClassifyOptions, cancellation: CancellationFlag?
    ) throws(VidClassError) -> (classification: Classification, frames: [RGBImage]) {
        do {
            var decoding = options.decoderOptions
            decoding.cancellation = cancellation
            let reader = try VideoReader(input, options: decoding)
            return try classifyKeepingFrames(reader, inputName: input.displayName, options: options)
        } catch {
            throw VidClassError(error)
        }
    }

    /// Classifies the video `reader` has open (read from its start; its frame index is reused when already
    /// scanned). The reader's own decoder options apply: `options.decoderOptions` is not consulted. `inputName` names the video in the result and in errors.
    public func classifyKeepingFrames(
        _ reader: VideoReader, inputName: String, options: ClassifyOptions
    ) throws(VidClassError) -> (classification: Classification, frames: [RGBImage]) {
        do {
            try check(options)
            let model = try options.pooling.map { pooling throws(VidClassError) in try bundle.withPooling(pooling) } ?? bundle
            let sampling = options.sampling ?? model.metadata.defaultSampling
            try model.checkMemory(frames: sampling.frameCount ?? 0, budget: options.memoryBudget)
            let clip = try Pipeline(bundle: model, compute: options.compute).embed(
                reader, sampling: sampling, seek: options.seek, inputName: inputName, keepPictures: options.keepFrames)
            let (frames, frameCount, features) = (clip.frames, clip.frameCount, clip.features.features)
            let (_, attention) = try model.head.pool(features)
            let probabilities = try model.head.probabilities(features)
            // A clip network's rows are temporal positions, not frames: it has no per-frame weights or labels.
            let rowsAreFrames = clip.rowsAreFrames
            let perFrame = options.perFrameLabels && rowsAreFrames ? try frameLabels(features, model: model) : nil
            let classification = Classification(
                input: inputName,
                video: .init(reader.info, frameCount: frameCount),
                sampling: sampling.summary,
                coverage: ClipCoverage.fraction(of: frames.map(\.requestedIndex), sampling: sampling, frameCount: frameCount),
                approximate: Self.approximation(of: sampling, access: reader.access),
                seek: options.seek.rawValue,
                pooling: model.head.pooling.rawValue,
                frames: frames.enumerated().map { position, frame in
                    .init(
                        index: frame.index, requestedIndex: frame.requestedIndex, substituted: frame.isSubstitute,
                        timestamp: frame.timestamp, attention: rowsAreFrames ? attention?[position] : nil, topLabel: perFrame?[position])
                },
                predictions: Self.top(options.top, of: probabilities, labels: model.metadata.labels),
                warnings: reader.report.messages + Self.substitutionNotes(frames))
            return (classification, frames.compactMap(\.element))
        } catch {
            throw VidClassError(error)
        }
    }

    /// The note a result carries when its frames were picked from a stream longer than the pipe buffer (explicit
    /// indices are exact even then).
    private static func approximation(of sampling: SamplingStrategy, access: InputAccess) -> String? {
        guard access.isStreamed else { return nil }
        if case .indices = sampling { return nil }
        return "frames picked in one pass over \(access), before its length was known; raise the pipe buffer or pass a file for exact sampling"
    }

    private func check(_ options: ClassifyOptions) throws(VidClassError) {
        guard options.top >= 1 else {
            throw VidClassError(.usage, "top (\(options.top)) must be at least 1.")
        }
    }

    /// Each frame's own best label: the head's linear classifier applied to that frame's features alone.
    private func frameLabels(_ features: Tensor, model: ModelBundle) throws -> [Prediction] {
        let (count, dimension) = (features.shape[0], features.shape[1])
        var single = model.head
        single.pooling = .mean
        return try (0..<count).map { row in
            let frame = Tensor(shape: [1, dimension], values: Array(features.values[row * dimension..<(row + 1) * dimension]))
            return Self.top(1, of: try single.probabilities(frame), labels: model.metadata.labels)[0]
        }
    }

    /// One sentence per sampled frame that stands in for a frame that could not be decoded.
    static func substitutionNotes<Element>(_ frames: [SelectedFrame<Element>]) -> [String] {
        frames.filter(\.isSubstitute).map {
            "Frame \($0.requestedIndex) was requested but could not be decoded; frame \($0.index), the nearest that could, was used in its place."
        }
    }

    /// The `k` most probable classes, most probable first (ties keep class order).
    static func top(_ k: Int, of probabilities: [Float], labels: [String]) -> [Prediction] {
        probabilities.indices
            .sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
            .prefix(k)
            .map { Prediction(label: labels[$0], classIndex: $0, probability: probabilities[$0]) }
    }
}

extension Classification.VideoSummary {
    init(_ info: VideoInfo, frameCount: Int) {
        self.init(
            container: info.container, codec: info.codec, width: info.width, height: info.height,
            rotation: info.rotation, frameRate: info.averageFrameRate, frameCount: frameCount, duration: info.duration)
    }
}
