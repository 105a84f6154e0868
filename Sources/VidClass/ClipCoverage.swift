import FrameSampling

/// How much of a video the clips of a clip sampling span: the fraction of its frames that lie between the first
/// and last frame of some sampled clip.
///
/// A clip network sees motion only inside its clips, so a 64-frame clip of a 10-second video at 25 fps sees a
/// quarter of it; spreading three clips covers about three quarters. Frame sampling (uniform, random, explicit
/// indices) spreads single frames over the whole video and has no coverage to report.
enum ClipCoverage {
    /// The fraction of `frameCount` frames inside the clips of `requested` (the sampled indices in sampling
    /// order, clip after clip), or nil when `sampling` does not sample clips.
    ///
    /// A clip whose indices do not rise (it wrapped around a video shorter than the clip) covers the whole video.
    static func fraction(of requested: [Int], sampling: SamplingStrategy, frameCount: Int) -> Double? {
        let clipLength: Int
        switch sampling {
        case .stride(let frames, _, _), .clips(_, let frames, _, _): clipLength = frames
        case .uniform, .random, .indices: return nil
        }
        guard frameCount > 0, !requested.isEmpty else { return nil }
        var spans: [ClosedRange<Int>] = []
        for start in stride(from: 0, to: requested.count, by: clipLength) {
            let clip = requested[start..<min(start + clipLength, requested.count)]
            let rises = zip(clip, clip.dropFirst()).allSatisfy { $0 < $1 }
            spans.append(rises ? clip.first!...clip.last! : 0...(frameCount - 1))
        }
        var covered = 0
        var end = -1
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) where span.upperBound > end {
            covered += span.upperBound - max(span.lowerBound, end + 1) + 1
            end = span.upperBound
        }
        return min(1, Double(covered) / Double(frameCount))
    }
}
