extension FrameSampler {
    /// The centres of `frames` equal segments of the video: TSN test-time sampling.
    ///
    /// The video's `N = frameCount` frames are cut into `T = frames` segments of length `N / T`, and the frame at
    /// the centre of each is taken:
    ///
    ///     index_i = ⌊(i + ½) · N / T⌋ = ⌊(2i + 1) · N / (2T)⌋,   i = 0 … T − 1
    ///
    /// This is mmaction2's `SampleFrames(clip_len=1, num_clips=T, test_mode=True)`, computed in exact integer
    /// arithmetic (mmaction2's float version can differ by one where `(i + ½) · N / T` is an integer).
    /// When `N < T` some frames repeat: `N = 3, T = 4` gives `[0, 1, 1, 2]`.
    ///
    /// ```swift
    /// try FrameSampler.uniform(frameCount: 300, frames: 8)   // [18, 56, 93, 131, 168, 206, 243, 281]
    /// ```
    ///
    /// - Throws: ``SamplingError`` when `frameCount < 1` or `frames` is outside `1...maximumFrames`.
    /// - Complexity: `O(T)`.
    public static func uniform(frameCount: Int, frames: Int) throws(SamplingError) -> [Int] {
        try SamplingError.check(frameCount: frameCount)
        try SamplingError.check(frames: frames)
        return (0..<frames).map { uniformTarget($0, frameCount: frameCount, frames: frames) }
    }

    /// The `i`-th uniform centre `⌊(2i + 1) · N / (2T)⌋` for unvalidated but sane arguments.
    static func uniformTarget(_ i: Int, frameCount: Int, frames: Int) -> Int {
        Int.floorOfProduct(2 * i + 1, frameCount, dividedBy: 2 * frames)
    }
}
