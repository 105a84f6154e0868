/// The result of a demux-only scan: every frame's presentation time and which frames are keyframes.
///
/// Frame `i` is the `i`-th frame in presentation order; `timestamps[i]` is its time in seconds
/// (pts × time base, not shifted by the start time). Built without decoding, so it costs one pass over the
/// file's packets (fast: no pixels are touched).
public struct FrameIndex: Sendable, Codable, Equatable {
    /// Presentation times in seconds, ascending; index = frame number.
    public var timestamps: [Double]
    /// Frame numbers of the keyframes, ascending.
    public var keyframes: [Int]
    /// Whether frame durations vary by more than 1 % (variable frame rate).
    public var isVariableFrameRate: Bool

    /// The exact number of frames.
    public var count: Int { timestamps.count }

    public init(timestamps: [Double], keyframes: [Int], isVariableFrameRate: Bool) {
        self.timestamps = timestamps
        self.keyframes = keyframes
        self.isVariableFrameRate = isVariableFrameRate
    }

    /// The frame `ffmpeg -ss seconds -i X -frames:v 1` outputs: the first frame whose timestamp is ≥ `seconds`
    /// (1 µs tolerance), or the last frame for times after it; nil when the index is empty. Cost: O(log n).
    public func frameIndex(at seconds: Double) -> Int? {
        guard !timestamps.isEmpty else { return nil }
        let tolerance = 1e-6
        var low = 0
        var high = timestamps.count
        while low < high {
            let middle = (low + high) / 2
            if timestamps[middle] < seconds - tolerance { low = middle + 1 } else { high = middle }
        }
        return min(low, timestamps.count - 1)
    }

    /// The keyframe at or before `frame` (0 when none). Cost: O(log k).
    func keyframe(atOrBefore frame: Int) -> Int {
        var low = 0
        var high = keyframes.count
        while low < high {
            let middle = (low + high) / 2
            if keyframes[middle] <= frame { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : keyframes[low - 1]
    }

    /// The keyframe nearest to `frame` (the earlier one on a tie). Cost: O(log k).
    func nearestKeyframe(to frame: Int) -> Int {
        let before = keyframe(atOrBefore: frame)
        guard let after = keyframes.first(where: { $0 > frame }) else { return before }
        return (after - frame) < (frame - before) ? after : before
    }
}
