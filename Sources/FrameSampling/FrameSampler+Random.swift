extension FrameSampler {
    /// One frame drawn at random from each of `frames` equal segments: TSN training-time sampling.
    ///
    /// Segment `i` of the video's `N = frameCount` frames is `[a_i, b_i)` with
    ///
    ///     a_i = ⌊i · N / T⌋,   b_i = max(⌊(i + 1) · N / T⌋, a_i + 1)
    ///
    /// and one index is drawn uniformly from it. For `N ≥ T` the segments partition the video, so the indices
    /// are strictly increasing and every frame can be drawn; for `N < T` an empty segment collapses to its
    /// start frame `a_i`. (mmaction2's training sampler instead uses segments of `⌊N / T⌋` frames and never
    /// draws the last `N mod T` frames.)
    ///
    /// The draws come from a SplitMix64 generator seeded with `seed`, so a seed gives the same indices on every
    /// platform and Swift release; different seeds give independent draws.
    ///
    /// ```swift
    /// let picks = try FrameSampler.random(frameCount: 300, frames: 8, seed: 42)
    /// // picks[0] in 0..<37, picks[1] in 37..<75, …, picks[7] in 262..<300
    /// ```
    ///
    /// - Throws: ``SamplingError`` when `frameCount < 1` or `frames` is outside `1...maximumFrames`.
    /// - Complexity: `O(T)`.
    public static func random(frameCount: Int, frames: Int, seed: UInt64) throws(SamplingError) -> [Int] {
        try SamplingError.check(frameCount: frameCount)
        try SamplingError.check(frames: frames)
        var generator = SplitMix64(seed: seed)
        return (0..<frames).map { i in
            let segment = randomSegment(i, frameCount: frameCount, frames: frames)
            return segment.lowerBound + generator.next(below: segment.count)
        }
    }

    /// Segment `i` of the random sampler, `[a_i, b_i)` as documented on ``random(frameCount:frames:seed:)``.
    static func randomSegment(_ i: Int, frameCount: Int, frames: Int) -> Range<Int> {
        let start = Int.floorOfProduct(i, frameCount, dividedBy: frames)
        let end = Int.floorOfProduct(i + 1, frameCount, dividedBy: frames)
        return start..<max(end, start + 1)
    }
}
