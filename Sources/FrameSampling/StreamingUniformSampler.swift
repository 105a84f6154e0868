/// Uniform sampling of a stream whose length is unknown until it ends (a pipe too long to hold), in memory
/// bounded by the number of frames sampled, not by the length of the stream.
///
/// ## Usage
///
/// Offer every frame in order; convert and keep only those the sampler wants (conversion is the expensive
/// part, so it asks first); at the end of the stream, collect the picks:
///
/// ```swift
/// var sampler = try StreamingUniformSampler<Tensor>(frames: 16)
/// for frame in decodedFrames {                       // indices 0, 1, 2, … in presentation order
///     if sampler.wants(frame.index) {
///         sampler.keep(frame.index, try convert(frame))
///     }
/// }
/// for pick in try sampler.finish(frameCount: framesSeen) {
///     // pick.element stands for frame pick.target; it is frame pick.index, |index − target| ≤ step / 2
/// }
/// ```
///
/// ## Scheme: a decimating grid
///
/// The sampler keeps the frames whose index is a multiple of its ``step`` `s`, starting with `s = 1`. When
/// the grid holds `2T + 1` frames (indices `0, s, …, 2T·s`), it drops every other one and doubles `s`, leaving
/// the `T + 1` multiples of the new step. At the end of a stream of `N` frames it computes the exact uniform
/// targets `tᵢ = ⌊(2i + 1) · N / (2T)⌋` (``FrameSampler/uniform(frameCount:frames:)``) and answers each with
/// the held frame nearest to it, ties going to the earlier frame.
///
/// ## Guarantees
///
/// When every frame `0 ..< N` is offered in order and every frame the sampler wants is kept:
///
/// - **Memory**: at most `2T + 1` frames are held at once whatever `N` (``capacity``), plus at most `T` more
///   with an `expectedFrameCount`.
/// - **Exact** when `N ≤ 2T` (nothing is ever dropped), when `N == expectedFrameCount`, and for every target
///   that is a multiple of the final ``step``.
/// - **Otherwise within half a step**: `|index − target| ≤ s / 2 ≤ (N − 1) / (2T)`, less than half a segment.
///
/// Proof of the bound. The step doubles to `s` only once frame `T·s` has been offered, so `N ≥ T·s + 1`,
/// i.e. `s ≤ (N − 1) / T`. Every multiple of `s` below `N` is held, up to `m = s·⌊(N − 1) / s⌋ ≥ N − s`. A
/// target `t ≤ m` lies between two held multiples of `s`, at most `s / 2` from one. The largest target is
/// `t_{T−1} ≤ N − N / (2T)`, so a target `t > m` has `t − m ≤ s − N / (2T) < s − s / 2 = s / 2`.
///
/// ## Why not exact for every `N`
///
/// No scheme can be exact for unknown `N` in `O(T)` memory. The first target `t₀ = ⌊N / (2T)⌋` grows by 0 or
/// 1 per frame as `N` grows, so after `n` frames every frame `j ≥ ⌊n / (2T)⌋` is still the first target of
/// some longer stream; a frame not kept when offered is gone for good, so an exact sampler must hold all
/// `n − ⌊n / (2T)⌋` of them, which grows with `n`. Hence the grid above, and the `expectedFrameCount` hint:
/// when the container's header gives a frame count, pass it, and the sampler also keeps the exact targets for
/// that count: exact when the header is right, within the bound above when it is not (a pipe cannot be read
/// again to fix it).
///
/// ## Missing frames
///
/// Indices may skip (a frame that failed to decode is never offered), a wanted frame may go unkept (its
/// conversion failed), and `finish` may be told of more frames than were offered. The picks are then still
/// the nearest held frames, but the bound holds only for streams without such gaps.
///
/// A sampler is a value for one stream, owned by the loop that reads it; it is `Sendable` when its elements are.
public struct StreamingUniformSampler<Element> {
    /// `T`, the number of frames to pick.
    public let frames: Int

    /// The frame count the container's header announced, if any; see "Why not exact for every `N`".
    public let expectedFrameCount: Int?

    /// The current grid step `s`: a power of two, the distance between held grid frames.
    public private(set) var step = 1

    /// One past the highest index offered so far: the stream's length if it ended now.
    public private(set) var framesOffered = 0

    private var kept = KeptFrames<Element>()
    private var gridCount = 0
    private let hintedTargets: Set<Int>
    private var pendingIndex: Int?
    private var isFinished = false

    /// Creates a sampler that will pick `frames` frames.
    ///
    /// - Parameters:
    ///   - frames: `T`, in `1...FrameSampler.maximumFrames`.
    ///   - expectedFrameCount: the frame count from the container's header, when it has one; its exact targets
    ///     are kept too, so the result is exact when the stream has that many frames.
    /// - Throws: ``SamplingError`` naming `frames` or `expectedFrameCount` when either is out of range.
    public init(frames: Int, expectedFrameCount: Int? = nil) throws(SamplingError) {
        try SamplingError.check(frames: frames)
        self.frames = frames
        self.expectedFrameCount = expectedFrameCount
        if let expected = expectedFrameCount {
            try SamplingError.check(expected, named: "expectedFrameCount", in: 1...Int.max)
            hintedTargets = Set(try FrameSampler.uniform(frameCount: expected, frames: frames))
        } else {
            hintedTargets = []
        }
    }

    /// The most frames this sampler can ever hold at once: `2T + 1`, plus the distinct targets of
    /// ``expectedFrameCount`` (at most `T`). Use it to size a buffer of converted frames up front.
    public var capacity: Int { 2 * frames + 1 + hintedTargets.count }

    /// The number of frames held now.
    public var count: Int { kept.count }

    /// The most frames held at any moment so far; never more than ``capacity``.
    public var peakCount: Int { kept.peakCount }

    /// Offers frame `index` and answers whether the sampler wants it; call ``keep(_:_:)`` only if it does.
    ///
    /// Indices must increase from call to call (0, 1, 2, … or with gaps where frames were lost). The answer
    /// is yes for multiples of ``step`` and for the targets of ``expectedFrameCount``. Cost: `O(1)`.
    public mutating func wants(_ index: Int) -> Bool {
        precondition(!isFinished, "wants(_:) called after finish(frameCount:)")
        precondition(index >= framesOffered, "frames must be offered in increasing index order, got \(index) after \(framesOffered - 1)")
        framesOffered = index + 1
        let wanted = index % step == 0 || hintedTargets.contains(index)
        pendingIndex = wanted ? index : nil
        return wanted
    }

    /// Stores `element` for frame `index`, which the last call to ``wants(_:)`` accepted.
    ///
    /// When the grid reaches `2T + 1` frames, every other grid frame is dropped and ``step`` doubles.
    /// Cost: amortised `O(1)`; a decimation, `O(T)`, happens once per doubling of the stream's length.
    public mutating func keep(_ index: Int, _ element: Element) {
        precondition(pendingIndex == index, "keep(\(index), _) needs wants(\(index)) to have just returned true")
        pendingIndex = nil
        kept.append(index, element)
        guard index % step == 0 else { return }
        gridCount += 1
        if gridCount > 2 * frames { decimate() }
    }

    /// Doubles the step and drops the held frames that are neither on the new grid nor hinted targets.
    private mutating func decimate() {
        step *= 2
        let step = self.step
        let hinted = hintedTargets
        kept.removeAll { $0 % step != 0 && !hinted.contains($0) }
        gridCount = kept.count { $0 % step == 0 }
    }

    /// Ends the stream and returns, for each of the `T` exact uniform targets of a `frameCount`-frame video,
    /// the held frame nearest to it (ties to the earlier frame), in target order.
    ///
    /// `target` is the exact index ``FrameSampler/uniform(frameCount:frames:)`` would give; `index` is the
    /// frame actually returned, so callers can report how far each pick is from exact. Elements repeat when a
    /// frame is the nearest to several targets. The sampler releases its frames and accepts no more calls.
    ///
    /// - Parameter frameCount: the length of the stream, at least ``framesOffered`` (normally equal to it).
    /// - Throws: ``SamplingError`` when `frameCount` is below 1 or below ``framesOffered``, or when no frame
    ///   was kept.
    /// - Complexity: `O(T log T)`.
    public mutating func finish(frameCount: Int) throws(SamplingError) -> [(target: Int, index: Int, element: Element)] {
        precondition(!isFinished, "finish(frameCount:) called twice")
        try SamplingError.checkStreamEnd(frameCount: frameCount, framesOffered: framesOffered, keptAny: !kept.isEmpty)
        let picks = (0..<frames).map { i in
            let target = FrameSampler.uniformTarget(i, frameCount: frameCount, frames: frames)
            let pick = kept.nearest(to: target)
            return (target: target, index: pick.index, element: pick.element)
        }
        isFinished = true
        kept = KeptFrames()
        return picks
    }
}

extension StreamingUniformSampler: Sendable where Element: Sendable {}
