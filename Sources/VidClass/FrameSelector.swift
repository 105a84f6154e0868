import FrameSampling
import Synchronization
import VideoDecoding

/// One frame picked by a sampler, with what was made of it (a tensor slot, a picture, …).
public struct SelectedFrame<Element> {
    /// The frame the sampler asked for (presentation order, 0-based).
    public var requestedIndex: Int
    /// The frame actually decoded: `requestedIndex` in exact mode, the nearest keyframe in keyframe mode, or the
    /// nearest decodable frame when the requested one was corrupt.
    public var index: Int
    /// The decoded frame's presentation time in seconds.
    public var timestamp: Double
    public var element: Element
    /// True when the requested frame could not be decoded (damaged data) and `index` names the nearest frame
    /// that could, used in its place so a damaged file still classifies. False in keyframe mode, where `index`
    /// differs from `requestedIndex` by design.
    public var isSubstitute = false
}

extension SelectedFrame: Sendable where Element: Sendable {}

extension SelectedFrame {
    /// `frame`'s numbers and time, with `element` made of it.
    init(_ frame: DecodedFrame, element: Element) {
        self.init(requestedIndex: frame.requestedIndex, index: frame.index, timestamp: frame.timestamp, element: element)
    }

    /// The same frame with another element.
    func with<Other>(element: Other) -> SelectedFrame<Other> {
        SelectedFrame<Other>(
            requestedIndex: requestedIndex, index: index, timestamp: timestamp, element: element, isSubstitute: isSubstitute)
    }
}

/// Decides which frames of an open video a sampling strategy wants, decodes only those, and hands each to a
/// `convert` closure once (a frame sampled twice is converted once and shared).
///
/// Seekable inputs — files, bytes, and pipes the reader held in memory (see ``VideoDecoding/InputAccess``) —
/// get exact indices: a demux-only scan counts the frames, the strategy picks indices, and the reader seeks per
/// GOP. A stream longer than the pipe buffer is read once, front to back, keeping only what the strategy can still
/// need: ``StreamingUniformSampler`` for uniform sampling (O(T) frames whatever the length, exact when the
/// container's frame count or duration is right), ``StreamingStrideSampler`` for a strided clip starting at
/// frame 0, and explicit indices up to the last one; the rest of the stream is then read and thrown away, so
/// the program writing it is not cut off.
struct FrameSelector {
    var strategy: SamplingStrategy
    var seek: SeekMode
    /// How the input is named in error messages.
    var inputName: String

    /// The selected frames in sampling order, and the video's frame count (exact after the scan or the stream).
    func select<Element>(
        from reader: VideoReader, convert: (DecodedFrame) throws -> Element
    ) throws -> (frames: [SelectedFrame<Element>], frameCount: Int) {
        try strategy.validate()
        guard reader.info.isSeekable else {
            let selected = try selectStream(reader, convert: convert)
            reader.discardRestOfInput()
            return selected
        }
        return try selectSeekable(reader, retriesAfterRenumbering: true) { distinct in
            var decoded: [Int: SelectedFrame<Element>] = [:]
            // Runs of GOPs are decoded side by side; frames then arrive in any order, one at a time.
            try reader.readFramesConcurrently(at: distinct, mode: seek) { frame in
                guard decoded[frame.requestedIndex] == nil else { return }
                decoded[frame.requestedIndex] = SelectedFrame(frame, element: try convert(frame))
            }
            return decoded
        }
    }

    /// Like `select(from:convert:)` on a seekable input, but `convert` runs on the decoding threads, concurrently
    /// (``VideoReader/readFramesInParallel(at:mode:decoders:whenOutOfWork:_:)``), so its work — a network's forward
    /// pass — overlaps with decoding and shares the cores with it; `worker.count` says how many calls may run at
    /// once. Each decoding thread calls `whenOutOfWork` once it has no more frames to decode. Nil for a stream,
    /// which is read on one thread and needs ``select(from:convert:)``.
    func selectInParallel<Element: Sendable>(
        from reader: VideoReader, whenOutOfWork: @Sendable (DecodingWorker) throws -> Void = { _ in },
        convert: @Sendable (DecodedFrame, _ worker: DecodingWorker) throws -> Element
    ) throws -> (frames: [SelectedFrame<Element>], frameCount: Int)? {
        try strategy.validate()
        guard reader.info.isSeekable else { return nil }
        return try selectSeekable(reader, retriesAfterRenumbering: false) { distinct in
            let decoded = Mutex<[Int: SelectedFrame<Element>]>([:])
            try reader.readFramesInParallel(at: distinct, mode: seek, whenOutOfWork: whenOutOfWork) { frame, worker in
                let element = try convert(frame, worker)
                decoded.withLock { $0[frame.requestedIndex] = SelectedFrame(frame, element: element) }
            }
            return decoded.withLock { $0 }
        }
    }

    // MARK: Seekable inputs: exact indices from a demux-only scan

    /// Scans, lets the strategy pick, has `decode` deliver the distinct picks (keyed by requested index), and
    /// lays them out in sampling order. When damaged data makes the reader number the frames again
    /// (``VideoError/Kind/framesRenumbered``), the strategy picks again from the new count and, if
    /// `retriesAfterRenumbering`, `decode` runs again; otherwise the error reaches the caller, whose `decode`
    /// keeps state of its own and must start over (``Pipeline/embedPerFrameWhileDecoding(_:selector:keepPictures:)``).
    private func selectSeekable<Element>(
        _ reader: VideoReader, retriesAfterRenumbering: Bool, decode: ([Int]) throws -> [Int: SelectedFrame<Element>]
    ) throws -> (frames: [SelectedFrame<Element>], frameCount: Int) {
        var index = try reader.scanIndex()
        guard index.count > 0 else {
            throw VidClassError(.badData, "\(inputName) has a video stream but no frames; check the file with ffprobe.")
        }
        var wanted = try strategy.indices(frameCount: index.count)
        let decoded: [Int: SelectedFrame<Element>]
        do {
            decoded = try decode(Array(Set(wanted)).sorted())
        } catch let error as VideoError where error.kind == .framesRenumbered && retriesAfterRenumbering {
            // Damaged data dropped a frame, and the reader numbered the frames as decoded: choose again.
            index = try reader.scanIndex()
            wanted = try strategy.indices(frameCount: index.count)
            decoded = try decode(Array(Set(wanted)).sorted())
        }
        guard !decoded.isEmpty else {
            throw VidClassError(.badData, "None of the sampled frames of \(inputName) could be decoded; the file is probably corrupt.")
        }
        let available = decoded.keys.sorted()
        let frames = wanted.map { requested in
            if let frame = decoded[requested] { return frame }
            // A corrupt frame borrows the nearest decoded one, so a damaged file still classifies.
            let donor = available.min { abs($0 - requested) < abs($1 - requested) }!
            var frame = decoded[donor]!
            frame.requestedIndex = requested
            frame.isSubstitute = true
            return frame
        }
        return (frames, index.count)
    }

    // MARK: Streams longer than the pipe buffer: one pass, bounded memory

    private func selectStream<Element>(
        _ reader: VideoReader, convert: (DecodedFrame) throws -> Element
    ) throws -> (frames: [SelectedFrame<Element>], frameCount: Int) {
        switch strategy {
        case .uniform(let frames):
            let sampler = try StreamingUniformSampler<SelectedFrame<Element>>(
                frames: frames, expectedFrameCount: Self.expectedFrameCount(reader.info))
            return try stream(reader, sampler: sampler, convert: convert)
        case .stride(let frames, let step, let policy), .clips(_, let frames, let step, let policy):
            // A stream's length is known only at its end: clips to spread over it become one clip from its start.
            let sampler = try StreamingStrideSampler<SelectedFrame<Element>>(frames: frames, step: step, policy: policy)
            return try stream(reader, sampler: sampler, convert: convert)
        case .indices(let list):
            return try streamIndices(reader, targets: list, convert: convert)
        case .random:
            throw VidClassError(.usage, "Random sampling needs the frame count before decoding, which \(inputName) (a stream longer than the pipe buffer) cannot give", suggestion: .uniformSamplingOrFile)
        }
    }

    /// The container's word on the frame count (its header, or duration × frame rate): a hint that makes
    /// streaming uniform sampling exact when it is right, and costs nothing when it is wrong.
    private static func expectedFrameCount(_ info: VideoInfo) -> Int? {
        if let count = info.headerFrameCount, count > 0 { return count }
        guard let duration = info.duration, let rate = info.averageFrameRate, duration > 0, rate > 0 else { return nil }
        return Int((duration * rate).rounded())
    }

    /// Runs one pass of a streaming sampler over the stream; `isComplete` lets decoding stop early.
    private func stream<Sampler: StreamingPicker, Element>(
        _ reader: VideoReader, sampler: Sampler, convert: (DecodedFrame) throws -> Element
    ) throws -> (frames: [SelectedFrame<Element>], frameCount: Int) where Sampler.Element == SelectedFrame<Element> {
        var sampler = sampler
        var seen = 0
        try reader.forEachFrame { frame in
            seen = frame.index + 1
            if sampler.wants(frame.index) {
                sampler.keep(frame.index, SelectedFrame(
                    requestedIndex: frame.index, index: frame.index, timestamp: frame.timestamp, element: try convert(frame)))
            }
            return !sampler.isComplete
        }
        guard seen > 0 else {
            throw VidClassError(.badData, "\(inputName) ended before its first video frame; check that the whole stream was sent.")
        }
        let picks = try sampler.finish(frameCount: seen).map { pick in
            var frame = pick.element
            frame.requestedIndex = pick.target
            return frame
        }
        return (picks, seen)
    }

    /// Explicit indices on a stream: decoding stops after the last one; every index must exist.
    private func streamIndices<Element>(
        _ reader: VideoReader, targets: [Int], convert: (DecodedFrame) throws -> Element
    ) throws -> (frames: [SelectedFrame<Element>], frameCount: Int) {
        let wanted = Set(targets)
        let last = targets.max() ?? 0
        var kept: [Int: SelectedFrame<Element>] = [:]
        var seen = 0
        try reader.forEachFrame { frame in
            seen = frame.index + 1
            if wanted.contains(frame.index) {
                kept[frame.index] = SelectedFrame(
                    requestedIndex: frame.index, index: frame.index, timestamp: frame.timestamp, element: try convert(frame))
            }
            return frame.index < last
        }
        if let missing = targets.first(where: { kept[$0] == nil }) {
            throw VidClassError(.usage, "\(inputName) has \(seen) frames, so frame \(missing) does not exist; ask for indices below \(seen).")
        }
        return (targets.map { kept[$0]! }, seen)
    }
}

/// What ``FrameSelector`` needs of a streaming sampler: decide per frame, keep what it wants, stop when it has
/// everything, pick at the end of the stream.
private protocol StreamingPicker<Element> {
    associatedtype Element
    mutating func wants(_ index: Int) -> Bool
    mutating func keep(_ index: Int, _ element: Element)
    /// True once no later frame can be picked, so decoding may stop.
    var isComplete: Bool { get }
    mutating func finish(frameCount: Int) throws(SamplingError) -> [(target: Int, index: Int, element: Element)]
}

/// Uniform sampling of a stream of unknown length can always pick a later frame: it reads to the end.
extension StreamingUniformSampler: StreamingPicker {
    var isComplete: Bool { false }
}

extension StreamingStrideSampler: StreamingPicker {}
