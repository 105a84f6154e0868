/// Which frames each timeline window samples, chosen so that overlapping windows share frames.
///
/// Frames are sampled on one global grid of times: point j sits at (j + ½)·s with spacing s = window / F, so a
/// window [a, a + window) takes the F grid points from the first one at or after a. Each point maps to the first
/// frame at or after its time. When `hop` is a multiple of s (e.g. window 2 s, hop 1 s, F = 8), consecutive
/// windows share F − hop/s points, and the whole video needs about duration / s distinct frames instead of
/// windows × F. Pure index maths: no decoding. Cost: O(windows · F · log N).
///
/// Windows near the end are cut short by it. A cut-short window is kept, and flagged, only when it reaches time
/// the window before it did not: once a window has reached the end of the video, later ones would only repeat
/// part of it on fewer frames (window 2 s, hop 1 s, a 10 s video: [8, 10] is the last window, not [9, 10]).
struct TimelineGrid {
    /// For each window: start, end (seconds from the first frame), its frame indices, and whether the end of
    /// the video cut it short.
    var windows: [(start: Double, end: Double, frames: [Int], cutShort: Bool)]

    /// - Parameters:
    ///   - timestamps: every frame's presentation time, ascending (a ``FrameIndex``).
    ///   - window, hop: window length and time between window starts, in seconds.
    ///   - frames: F, the frames per window.
    init(timestamps: [Double], duration: Double, window: Double, hop: Double, frames: Int) {
        let origin = timestamps.first ?? 0
        let spacing = window / Double(frames)
        let relative = timestamps.map { $0 - origin }
        func frame(at time: Double) -> Int {
            var low = 0
            var high = relative.count
            while low < high {
                let middle = (low + high) / 2
                if relative[middle] < time - 1e-6 { low = middle + 1 } else { high = middle }
            }
            return min(low, relative.count - 1)
        }
        var windows: [(start: Double, end: Double, frames: [Int], cutShort: Bool)] = []
        var k = 0
        repeat {
            let start = Double(k) * hop
            let end = min(start + window, duration)
            let cutShort = end < start + window - 1e-9
            if cutShort, let previous = windows.last, previous.end >= duration - 1e-9 { break }
            let first = Int((start / spacing - 0.5 - 1e-9).rounded(.up))
            let points = (first..<first + frames).map { (Double($0) + 0.5) * spacing }
            let inside = points.filter { $0 < end }
            windows.append((start, end, (inside.isEmpty ? [points[0]] : inside).map(frame(at:)), cutShort))
            k += 1
        } while Double(k) * hop < duration - 1e-9
        self.windows = windows
    }
}
