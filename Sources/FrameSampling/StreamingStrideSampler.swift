/// A strided clip taken from a stream whose length is unknown until it ends (a pipe too long to hold), in one
/// pass.
///
/// Centring the clip (``FrameSampler/stride(frameCount:frames:step:policy:)``) needs the frame count, which a
/// pipe gives only at its end, so this sampler fixes the start at frame 0: the clip is frames
/// `0, step, 2·step, …, (T − 1)·step`, spanning `L = (T − 1) · step + 1` frames. Its result equals the
/// offline sampler's whenever `N ≤ L` (both start at 0 then); for longer streams it is the offline clip moved
/// to the start of the video. Once ``isComplete``, the rest of the stream cannot change the result: stop
/// reading and call `finish(frameCount: framesOffered)`.
///
/// ```swift
/// var sampler = try StreamingStrideSampler<Tensor>(frames: 16, step: 2, policy: .loop)
/// for frame in decodedFrames where !sampler.isComplete {
///     if sampler.wants(frame.index) {
///         sampler.keep(frame.index, try convert(frame))
///     }
/// }
/// let clip = try sampler.finish(frameCount: sampler.framesOffered)
/// ```
///
/// ## What a short stream costs
///
/// A stream that ends before frame `L − 1` needs the ``OutOfRangePolicy`` for the positions past its end, and
/// until frame `L − 1` arrives the sampler cannot know whether it will:
///
/// | policy | frames wanted before the clip completes | held at most (``capacity``) |
/// |---|---|---|
/// | ``OutOfRangePolicy/error`` | the clip's own `T` frames | `T` |
/// | ``OutOfRangePolicy/repeatLast`` | every frame, since any may turn out to be the last | `T + 1` |
/// | ``OutOfRangePolicy/loop`` | every frame, since `p mod N` can be any of them | `L` |
///
/// When frame `L − 1` arrives the extra frames are dropped and only the clip's `T` remain.
///
/// Indices may skip (frames lost to decoding errors) and wanted frames may go unkept; each position is then
/// answered by the held frame nearest to it, ties to the earlier one. A sampler is a value for one stream; it
/// is `Sendable` when its elements are.
public struct StreamingStrideSampler<Element> {
    /// `T`, the number of frames in the clip.
    public let frames: Int

    /// The distance between consecutive clip frames.
    public let step: Int

    /// What positions past the end of a short stream become.
    public let policy: OutOfRangePolicy

    /// One past the highest index offered so far: the stream's length if it ended now.
    public private(set) var framesOffered = 0

    private let span: Int
    private var kept = KeptFrames<Element>()
    private var pendingIndex: Int?
    private var isFinished = false

    /// Creates a sampler for a clip of `frames` frames `step` apart, starting at frame 0.
    ///
    /// - Throws: ``SamplingError`` naming `frames` or `step` when either is out of range.
    public init(frames: Int, step: Int, policy: OutOfRangePolicy) throws(SamplingError) {
        try SamplingError.check(frames: frames)
        try SamplingError.check(step: step)
        self.frames = frames
        self.step = step
        self.policy = policy
        span = FrameSampler.strideSpan(frames: frames, step: step)
    }

    /// The most frames this sampler can ever hold at once; see the table in the type's documentation.
    public var capacity: Int {
        switch policy {
        case .error: frames
        case .repeatLast: frames + 1
        case .loop: span
        }
    }

    /// The number of frames held now.
    public var count: Int { kept.count }

    /// The most frames held at any moment so far; never more than ``capacity``.
    public var peakCount: Int { kept.peakCount }

    /// Whether the clip's last frame, `L − 1`, has been offered: later frames cannot change the result.
    public var isComplete: Bool { framesOffered >= span }

    /// Offers frame `index` and answers whether the sampler wants it; call ``keep(_:_:)`` only if it does.
    ///
    /// Indices must increase from call to call. Frames past the clip are never wanted. Cost: `O(1)`.
    public mutating func wants(_ index: Int) -> Bool {
        precondition(!isFinished, "wants(_:) called after finish(frameCount:)")
        precondition(index >= framesOffered, "frames must be offered in increasing index order, got \(index) after \(framesOffered - 1)")
        framesOffered = index + 1
        let wanted = index < span && (isOnClip(index) || policy != .error)
        pendingIndex = wanted ? index : nil
        return wanted
    }

    /// Stores `element` for frame `index`, which the last call to ``wants(_:)`` accepted, and drops held
    /// frames that can no longer be used. Cost: `O(1)`, and `O(count)` once, when the clip completes.
    public mutating func keep(_ index: Int, _ element: Element) {
        precondition(pendingIndex == index, "keep(\(index), _) needs wants(\(index)) to have just returned true")
        pendingIndex = nil
        // Under repeat-last the only frame held off the clip is the latest one, always the last entry.
        if policy == .repeatLast, let last = kept.entries.last, !isOnClip(last.index) {
            kept.removeLast()
        }
        kept.append(index, element)
        if index == span - 1 {
            let step = self.step
            kept.removeAll { $0 % step != 0 }
        }
    }

    /// Whether `index`, below the span, is one of the clip's own frames `k · step`.
    private func isOnClip(_ index: Int) -> Bool {
        index % step == 0
    }

    /// Ends the stream and returns the clip: for each position `p = k · step`, the frame the offline sampler
    /// names (`target`: `p`, or `p` mapped by ``policy`` when `p ≥ frameCount`) and the held frame nearest to
    /// it (`index`, equal to `target` unless frames were lost). The sampler releases its frames.
    ///
    /// - Parameter frameCount: the length of the stream, at least ``framesOffered``; after stopping early at
    ///   ``isComplete``, pass ``framesOffered``.
    /// - Throws: ``SamplingError`` when `frameCount` is below 1 or below ``framesOffered``, when no frame was
    ///   kept, or when the stream is shorter than the clip and ``policy`` is ``OutOfRangePolicy/error``.
    /// - Complexity: `O(T log T)`.
    public mutating func finish(frameCount: Int) throws(SamplingError) -> [(target: Int, index: Int, element: Element)] {
        precondition(!isFinished, "finish(frameCount:) called twice")
        try SamplingError.checkStreamEnd(frameCount: frameCount, framesOffered: framesOffered, keptAny: !kept.isEmpty)
        var picks: [(target: Int, index: Int, element: Element)] = []
        picks.reserveCapacity(frames)
        for k in 0..<frames {
            guard let target = policy.resolve(k * step, frameCount: frameCount) else {
                throw SamplingError.clipTooLong(frameCount: frameCount, frames: frames, step: step)
            }
            let pick = kept.nearest(to: target)
            picks.append((target: target, index: pick.index, element: pick.element))
        }
        isFinished = true
        kept = KeptFrames()
        return picks
    }
}

extension StreamingStrideSampler: Sendable where Element: Sendable {}
