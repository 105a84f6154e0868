/// A stretch of a timeline with one top label: consecutive windows whose best label is the same, merged, on
/// times that do not overlap. What subtitles show.
///
/// Overlapping windows (window 2 s, hop 1 s) cannot each be a cue: a player would show two at once. Each window
/// instead speaks for the time from its start to the next window's start (the last one to the end of the video),
/// and a run of windows with the same top label becomes one segment:
///
/// ```
/// windows  [0, 2) pool   [1, 3) pool   [2, 4) bike   [3, 5) bike
/// segments [0, 2) pool                 [2, 5) bike
/// ```
public struct TimelineSegment: Sendable, Equatable {
    public var start: Double
    public var end: Double
    /// The labels of the segment's windows ranked by their mean probability over those windows (a label outside
    /// a window's top counts as 0 there), as many as each window lists; the segment's top label first.
    public var predictions: [Prediction]

    /// The segments of `timeline`, in time order.
    public static func segments(of timeline: Timeline) -> [TimelineSegment] {
        let windows = timeline.windows
        var segments: [TimelineSegment] = []
        var runStart = 0
        for index in windows.indices {
            let next = index + 1
            guard next == windows.count || windows[next].predictions.first?.label != windows[index].predictions.first?.label
            else { continue }
            let run = windows[runStart...index]
            let end = next < windows.count ? windows[next].start : run.map(\.end).max() ?? windows[index].end
            segments.append(TimelineSegment(start: windows[runStart].start, end: end, predictions: meanPredictions(run)))
            runStart = next
        }
        return segments
    }

    /// The run's labels by mean probability, the run's shared top label first.
    private static func meanPredictions(_ run: ArraySlice<Timeline.Window>) -> [Prediction] {
        var sums: [Int: (prediction: Prediction, sum: Float, firstSeen: Int)] = [:]
        for window in run {
            for prediction in window.predictions {
                let seen = sums[prediction.classIndex]
                sums[prediction.classIndex] = (prediction, (seen?.sum ?? 0) + prediction.probability, seen?.firstSeen ?? sums.count)
            }
        }
        let top = run.first?.predictions.first?.classIndex
        let ranked = sums.values.sorted { a, b in
            if (a.prediction.classIndex == top) != (b.prediction.classIndex == top) { return a.prediction.classIndex == top }
            return a.sum != b.sum ? a.sum > b.sum : a.firstSeen < b.firstSeen
        }
        let count = Float(run.count)
        return ranked.prefix(run.first?.predictions.count ?? 0).map { entry in
            var prediction = entry.prediction
            prediction.probability = entry.sum / count
            return prediction
        }
    }
}
