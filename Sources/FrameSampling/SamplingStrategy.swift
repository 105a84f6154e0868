/// Which frames of a video to sample, as a value: parse it from the command line or a model bundle, validate
/// it before opening the video, then turn it into indices once the frame count is known.
///
/// ```swift
/// let strategy = SamplingStrategy.uniform(frames: 16)
/// try strategy.validate()                               // before any decoding
/// let indices = try strategy.indices(frameCount: 300)   // after a demux-only scan
/// ```
///
/// Each case forwards to the pure function of ``FrameSampler`` that documents its formula. The value is
/// `Codable` (a keyed container per case, e.g. `{"uniform":{"frames":16}}`), so it can be stored with a model.
public enum SamplingStrategy: Sendable, Equatable, Codable {
    /// TSN segment centres `⌊(i + ½) · N / T⌋`; see ``FrameSampler/uniform(frameCount:frames:)``.
    case uniform(frames: Int)
    /// One dense clip, centred; see ``FrameSampler/stride(frameCount:frames:step:policy:)``.
    case stride(frames: Int, step: Int, policy: OutOfRangePolicy)
    /// Several dense clips spread over the video, their indices one clip after another; see
    /// ``FrameSampler/clips(frameCount:clips:frames:step:policy:)``. A video too short for `count` distinct
    /// clips gives fewer.
    case clips(count: Int, frames: Int, step: Int, policy: OutOfRangePolicy)
    /// One random frame per segment (TSN training); see ``FrameSampler/random(frameCount:frames:seed:)``.
    case random(frames: Int, seed: UInt64)
    /// Exactly these frames, in this order (repeats allowed).
    case indices([Int])

    /// How many indices the strategy yields at most, known before the video is opened: `T` for the sampling
    /// cases, `count · T` for ``clips(count:frames:step:policy:)`` (a short video gives fewer) and the list's
    /// length for ``indices(_:)``.
    ///
    /// Never nil for the strategies that exist today; it is optional so that a strategy whose count depends
    /// on the video (one frame every k seconds) can join without changing callers.
    public var frameCount: Int? {
        switch self {
        case .uniform(let frames), .stride(let frames, _, _), .random(let frames, _): frames
        case .clips(let count, let frames, _, _): count * frames
        case .indices(let list): list.count
        }
    }

    /// The frames of each clip when the strategy samples several clips whose frames a clip network must see
    /// clip by clip; nil when all the indices form one sequence.
    public var framesPerClip: Int? {
        if case .clips(_, let frames, _, _) = self { frames } else { nil }
    }

    /// Checks the parameters alone, before any decoding: `frames` in `1...10 000`, `step` in `1...100 000`,
    /// explicit indices non-empty, at most 10 000 of them, and none negative.
    ///
    /// - Throws: ``SamplingError`` naming the first parameter at fault and its value, e.g.
    ///   "frames (0) must be ≥ 1" or "indices[2] (-1) must be ≥ 0".
    public func validate() throws(SamplingError) {
        switch self {
        case .uniform(let frames), .random(let frames, _):
            try SamplingError.check(frames: frames)
        case .stride(let frames, let step, _):
            try SamplingError.check(frames: frames)
            try SamplingError.check(step: step)
        case .clips(let count, let frames, let step, _):
            try SamplingError.check(clips: count, frames: frames)
            try SamplingError.check(step: step)
        case .indices(let list):
            try SamplingError.check(list.count, named: "indices.count", in: 1...FrameSampler.maximumFrames)
            if let bad = list.firstIndex(where: { $0 < 0 }) {
                throw SamplingError(parameter: "indices", message: "indices[\(bad)] (\(list[bad])) must be ≥ 0")
            }
        }
    }

    /// The frame indices for a video of `frameCount` frames, in sampling order (they may repeat).
    ///
    /// - Throws: ``SamplingError`` when ``validate()`` would, when `frameCount < 1`, when an explicit index is
    ///   not below `frameCount`, or when a strided clip does not fit under ``OutOfRangePolicy/error``.
    /// - Complexity: `O(T)`.
    public func indices(frameCount: Int) throws(SamplingError) -> [Int] {
        try validate()
        switch self {
        case .uniform(let frames):
            return try FrameSampler.uniform(frameCount: frameCount, frames: frames)
        case .stride(let frames, let step, let policy):
            return try FrameSampler.stride(frameCount: frameCount, frames: frames, step: step, policy: policy)
        case .clips(let count, let frames, let step, let policy):
            return try FrameSampler.clips(frameCount: frameCount, clips: count, frames: frames, step: step, policy: policy)
                .flatMap { $0 }
        case .random(let frames, let seed):
            return try FrameSampler.random(frameCount: frameCount, frames: frames, seed: seed)
        case .indices(let list):
            try SamplingError.check(frameCount: frameCount)
            if let bad = list.firstIndex(where: { $0 >= frameCount }) {
                throw SamplingError(
                    parameter: "indices",
                    message: "indices[\(bad)] (\(list[bad])) is past the last frame of a video of \(frameCount) frames; "
                        + "indices run from 0 to \(frameCount - 1)")
            }
            return list
        }
    }
}
