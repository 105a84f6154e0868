extension FrameSampler {
    /// The largest number of clips one request may spread over a video (`clips ≤ 100`).
    public static let maximumClips = 100

    /// Several dense clips spread evenly over the video, first clip at its start and last at its end:
    /// multi-clip testing for 3D networks (mmaction2's `SampleFrames(num_clips=K, test_mode=True)`), whose
    /// scores are then averaged over the clips.
    ///
    /// With `N = frameCount`, `T = frames`, span `L = (T − 1) · step + 1` and `K = clips`, the last possible
    /// start is `S = N − L`. When `K = 1` or `S ≤ 0` the result is the single centred clip of
    /// ``stride(frameCount:frames:step:policy:)`` (on a video no longer than one clip, every clip would be the
    /// same). Otherwise clip `k` starts at
    ///
    ///     start_k = round(k · S / (K − 1)),   k = 0 … K − 1
    ///
    /// rounding exact halves to even, as NumPy's `round` does, and takes positions `start_k + j · step`,
    /// `j = 0 … T − 1`, all inside the video. When the video is too short for `K` distinct starts (`S < K − 1`),
    /// repeated starts are dropped: the result has between 1 and `K` clips, each of exactly `T` indices.
    ///
    /// ```swift
    /// try FrameSampler.clips(frameCount: 100, clips: 3, frames: 4, step: 1, policy: .loop)
    /// // S = 96: starts 0, 48, 96 → [[0, 1, 2, 3], [48, 49, 50, 51], [96, 97, 98, 99]]
    /// try FrameSampler.clips(frameCount: 3, clips: 3, frames: 4, step: 1, policy: .loop)
    /// // L = 4 > 3: one clip, [[0, 1, 2, 0]]
    /// ```
    ///
    /// - Throws: ``SamplingError`` when `frameCount < 1`, `clips`, `frames` or `step` is out of its range,
    ///   `clips · frames` exceeds ``maximumFrames``, or the single clip of a short video does not fit and
    ///   `policy` is ``OutOfRangePolicy/error``.
    /// - Complexity: `O(K · T)`.
    public static func clips(
        frameCount: Int, clips: Int, frames: Int, step: Int, policy: OutOfRangePolicy
    ) throws(SamplingError) -> [[Int]] {
        try SamplingError.check(clips: clips, frames: frames)
        try SamplingError.check(frameCount: frameCount)
        try SamplingError.check(step: step)
        let lastStart = frameCount - strideSpan(frames: frames, step: step)
        guard clips > 1, lastStart > 0 else {
            return [try stride(frameCount: frameCount, frames: frames, step: step, policy: policy)]
        }
        var starts: [Int] = []
        for k in 0..<clips {
            let start = roundingHalfToEven(k * lastStart, dividedBy: clips - 1)
            if starts.last != start { starts.append(start) }
        }
        return starts.map { start in (0..<frames).map { start + $0 * step } }
    }

    /// `numerator / denominator` rounded to the nearest integer, exact halves to the even neighbour
    /// (both operands non-negative, the denominator positive).
    static func roundingHalfToEven(_ numerator: Int, dividedBy denominator: Int) -> Int {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let twice = 2 * remainder
        if twice > denominator || (twice == denominator && !quotient.isMultiple(of: 2)) { return quotient + 1 }
        return quotient
    }
}
