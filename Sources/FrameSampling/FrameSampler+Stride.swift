extension FrameSampler {
    /// One dense clip of `frames` frames taken `step` apart, centred in the video: test-time sampling for
    /// 3D networks.
    ///
    /// With `N = frameCount`, `T = frames` and span `L = (T − 1) · step + 1`, the clip starts at
    ///
    ///     start = ⌊(N − L + 1) / 2⌋   when N ≥ L,   else 0
    ///
    /// and takes positions `start + k · step`, `k = 0 … T − 1`. Positions past the last frame (only when
    /// `N < L`) are mapped back by `policy`; see ``OutOfRangePolicy`` for a worked example.
    ///
    /// `L` is the clip's true extent, first frame to last. mmaction2's `SampleFrames` measures a clip as
    /// `T · step` frames instead, so for `step > 1` its clips start about `step / 2` frames earlier; for
    /// `step = 1` this formula equals its older test mode (`⌊(N − T + 1) / 2⌋`).
    ///
    /// ```swift
    /// try FrameSampler.stride(frameCount: 10, frames: 3, step: 2, policy: .loop)  // L = 5, start 3: [3, 5, 7]
    /// try FrameSampler.stride(frameCount: 5, frames: 4, step: 2, policy: .loop)   // L = 7 > 5: [0, 2, 4, 1]
    /// ```
    ///
    /// - Throws: ``SamplingError`` when `frameCount < 1`, `frames` or `step` is out of its range, or the clip
    ///   does not fit and `policy` is ``OutOfRangePolicy/error``.
    /// - Complexity: `O(T)`.
    public static func stride(
        frameCount: Int, frames: Int, step: Int, policy: OutOfRangePolicy
    ) throws(SamplingError) -> [Int] {
        try SamplingError.check(frameCount: frameCount)
        try SamplingError.check(frames: frames)
        try SamplingError.check(step: step)
        let span = strideSpan(frames: frames, step: step)
        let start = frameCount >= span ? (frameCount - span + 1) / 2 : 0
        var indices: [Int] = []
        indices.reserveCapacity(frames)
        for k in 0..<frames {
            guard let index = policy.resolve(start + k * step, frameCount: frameCount) else {
                throw SamplingError.clipTooLong(frameCount: frameCount, frames: frames, step: step)
            }
            indices.append(index)
        }
        return indices
    }
}
