/// What a strided clip does with positions that fall past the last frame of a video too short for it.
///
/// A clip of `T` frames taken `step` apart spans `L = (T − 1) · step + 1` frames. When the video has `N < L`
/// frames, the clip starts at frame 0 and its later positions `k · step` reach past frame `N − 1`; the policy
/// maps each such position `p` back into the video:
///
/// | policy | position `p ≥ N` becomes |
/// |---|---|
/// | ``loop`` | `p mod N`: the clip wraps around to the start, as mmaction2's `out_of_bound_opt="loop"` |
/// | ``repeatLast`` | `N − 1`: the last frame is repeated |
/// | ``error`` | nothing: sampling throws a ``SamplingError`` naming `frameCount` |
///
/// Worked example: `T = 4`, `step = 2`, `N = 5`. The span is `L = 7 > 5`, so the clip starts at 0 and its
/// positions are `[0, 2, 4, 6]`; position 6 lies past frame 4.
///
/// ```swift
/// try FrameSampler.stride(frameCount: 5, frames: 4, step: 2, policy: .loop)        // [0, 2, 4, 1]  (6 mod 5)
/// try FrameSampler.stride(frameCount: 5, frames: 4, step: 2, policy: .repeatLast)  // [0, 2, 4, 4]
/// try FrameSampler.stride(frameCount: 5, frames: 4, step: 2, policy: .error)       // throws
/// ```
///
/// The raw values (`loop`, `repeat-last`, `error`) are the spellings used on the command line and in model
/// bundle metadata.
public enum OutOfRangePolicy: String, Sendable, CaseIterable, Codable {
    /// Wrap around: position `p` becomes `p mod N`.
    case loop
    /// Clamp: position `p` becomes `min(p, N − 1)`.
    case repeatLast = "repeat-last"
    /// Refuse: a clip that does not fit is an error.
    case error

    /// The frame that position `position` (≥ 0) stands for in a video of `frameCount` frames, or nil when the
    /// position is out of range and the policy is ``error``. In-range positions map to themselves.
    func resolve(_ position: Int, frameCount: Int) -> Int? {
        guard position >= frameCount else { return position }
        switch self {
        case .loop: return position % frameCount
        case .repeatLast: return frameCount - 1
        case .error: return nil
        }
    }
}
