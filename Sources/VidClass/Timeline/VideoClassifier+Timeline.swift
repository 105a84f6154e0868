import FrameSampling
import ModelCore
import VideoDecoding

extension VideoClassifier {
    /// Labels every window of a long video, computing each sampled frame's features once.
    ///
    /// ```swift
    /// let timeline = try classifier.timeline(.path("match.mp4"), options: TimelineOptions(window: 2, hop: 1))
    /// for window in timeline.windows { print(window.start, window.predictions[0].label) }
    /// ```
    ///
    /// The frames come from a ``TimelineGrid`` (shared between overlapping windows); the distinct ones are
    /// decoded in one pass through the exact-seek path and run through the backbone in batches of 16 as decoding
    /// goes on (memory stays bounded), then each window pools its rows with the bundle's pooling and classifies
    /// them. Needs a seekable input (a file, bytes, or a pipe held in memory): the frame timestamps come from a demux-only scan. Cost: one scan, decoding of the distinct frames' GOPs, one
    /// backbone pass per distinct frame, and O(windows · F · d) for the heads.
    public func timeline(_ input: VideoInput, options: TimelineOptions = .init()) throws(VidClassError) -> Timeline {
        try timeline(input, options: options, cancellation: nil)
    }

    /// `timeline(_:options:)`, whose decoding stops with `.cancelled` once `cancellation` is raised.
    func timeline(
        _ input: VideoInput, options: TimelineOptions, cancellation: CancellationFlag?
    ) throws(VidClassError) -> Timeline {
        let frames = options.framesPerWindow ?? bundle.metadata.frames
        try options.validate(frames: frames)
        do {
            let reader = try VideoReader(input, options: DecoderOptions(cancellation: cancellation))
            guard reader.info.isSeekable else {
                throw VidClassError(.usage, "A timeline needs the frame timestamps up front, which \(input.displayName) (a stream longer than the pipe buffer) cannot give; save it to a file first.")
            }
            let index = try reader.scanIndex()
            guard let first = index.timestamps.first, let last = index.timestamps.last else {
                throw VidClassError(.badData, "\(input.displayName) has a video stream but no frames; check the file with ffprobe.")
            }
            let frameDuration = index.count > 1 ? (last - first) / Double(index.count - 1) : 0
            let duration = last - first + frameDuration
            try options.checkWindowCount(duration: duration, input: input.displayName)
            let grid = TimelineGrid(
                timestamps: index.timestamps, duration: duration, window: options.window, hop: options.hop, frames: frames)
            let distinct = Array(Set(grid.windows.flatMap(\.frames))).sorted()
            let isClip = bundle.metadata.architecture.family.seesClips
            guard isClip || distinct.count <= FrameSampler.maximumFrames else {
                throw VidClassError(
                    .usage,
                    "This timeline would convert \(distinct.count) distinct frames, more than \(FrameSampler.maximumFrames)", suggestion: .longerHopOrFewerFrames)
            }
            try bundle.checkMemory(
                frames: isClip ? frames : min(distinct.count, Pipeline.featureBatchSize), budget: options.memoryBudget)
            if isClip {
                return try clipTimeline(
                    input, reader: reader, grid: grid, distinct: distinct.count, duration: duration, frames: frames, options: options)
            }
            let embedded = try Pipeline(bundle: bundle, compute: options.compute).embed(
                reader, sampling: .indices(distinct), seek: .exact, inputName: input.displayName, keepPictures: false)
            let (computed, backboneFrames) = (embedded.features, embedded.backboneFrames)
            let dimension = bundle.backbone.featureDimension
            let row = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            let windows = try grid.windows.map { window in
                let values = window.frames.flatMap { frame in
                    computed.features.values[row[frame]! * dimension..<(row[frame]! + 1) * dimension]
                }
                let pooled = Tensor(shape: [window.frames.count, dimension], values: values)
                let predictions = Self.top(options.top, of: try bundle.head.probabilities(pooled), labels: bundle.metadata.labels)
                return Timeline.Window(
                    start: window.start, end: window.end, frames: window.frames, predictions: predictions, cutShort: window.cutShort)
            }
            return Timeline(
                input: input.displayName, duration: duration, window: options.window, hop: options.hop,
                framesPerWindow: frames, pooling: bundle.head.pooling.rawValue, windows: windows,
                distinctFrames: distinct.count, backboneFrames: backboneFrames,
                warnings: Self.timelineWarnings(duration: duration, options: options),
                run: try RunDescription(bundle: bundle, sampling: .uniform(frames: frames), seek: .exact))
        } catch {
            throw VidClassError(error)
        }
    }

    /// A clip network's timeline: each window's frames go through the network together as one clip (its features
    /// cannot be shared between windows, since I3D mixes the frames of its clip), on the same reader, so the
    /// index scan is done once. Cost: one forward pass per window, of F frames.
    private func clipTimeline(
        _ input: VideoInput, reader: VideoReader, grid: TimelineGrid, distinct: Int, duration: Double, frames: Int,
        options: TimelineOptions
    ) throws -> Timeline {
        var backboneFrames = 0
        let windows = try grid.windows.map { window in
            // A window cut short by the end of the video loops its frames up to the full count, as a strided clip
            // does (`--out-of-range loop`), so the network always sees a clip it accepts.
            let clip = (0..<max(frames, window.frames.count)).map { window.frames[$0 % window.frames.count] }
            let embedded = try Pipeline(bundle: bundle, compute: options.compute).embed(
                reader, sampling: .indices(clip), seek: .exact, inputName: input.displayName, keepPictures: false)
            let computed = embedded.features
            backboneFrames += embedded.backboneFrames
            let predictions = Self.top(
                options.top, of: try bundle.head.probabilities(computed.features), labels: bundle.metadata.labels)
            return Timeline.Window(
                start: window.start, end: window.end, frames: window.frames, predictions: predictions, cutShort: window.cutShort)
        }
        return Timeline(
            input: input.displayName, duration: duration, window: options.window, hop: options.hop,
            framesPerWindow: frames, pooling: bundle.head.pooling.rawValue, windows: windows,
            distinctFrames: distinct, backboneFrames: backboneFrames,
            warnings: Self.timelineWarnings(duration: duration, options: options),
            run: try RunDescription(bundle: bundle, sampling: .uniform(frames: frames), seek: .exact))
    }

    /// The warning of a window longer than the whole video: its one window is cut short.
    private static func timelineWarnings(duration: Double, options: TimelineOptions) -> [String] {
        guard options.window > duration + 1e-9 else { return [] }
        let seconds = { (value: Double) in String(format: "%g s", value) }
        return [
            "The window (\(seconds(options.window))) is longer than the video (\(seconds(duration))), so the timeline is one window of the whole video; choose a shorter window to see labels change over time."
        ]
    }
}
