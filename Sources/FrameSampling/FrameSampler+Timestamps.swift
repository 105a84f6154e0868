extension FrameSampler {
    /// One frame every `interval` seconds: for each grid time `t_k = t₀ + k · interval` (`t₀` the first
    /// timestamp, `k = 0, 1, …` while `t_k` ≤ the last timestamp), the frame whose timestamp is nearest
    /// to `t_k`, ties going to the earlier frame.
    ///
    /// Nearest rather than "first at or after `t_k`": the pick is never more than half a frame duration from
    /// the requested time, and a timestamp that lands a rounding error below a grid time (a pts × time base
    /// of 0.999 999 999 for 1 s) still selects that frame. `timestamps` are the frames' presentation times in
    /// seconds, in presentation order; variable frame rate is fine. Indices repeat when `interval` is shorter
    /// than the gaps between frames. The grid is computed by multiplication, so it does not drift.
    ///
    /// ```swift
    /// let times = (0..<90).map { Double($0) / 30 }              // 3 s at 30 fps
    /// try FrameSampler.everyInterval(timestamps: times, interval: 1)   // [0, 30, 60]
    /// ```
    ///
    /// - Throws: ``SamplingError`` when `timestamps` is empty, not finite or not in ascending order, when
    ///   `interval` is not a positive finite number, or when the grid would exceed ``maximumSamples`` times.
    /// - Complexity: `O(K log N)` for `K` grid times.
    public static func everyInterval(timestamps: [Double], interval: Double) throws(SamplingError) -> [Int] {
        try checkTimestamps(timestamps)
        guard interval.isFinite, interval > 0 else {
            throw SamplingError(parameter: "interval", message: "interval (\(interval)) must be a positive number of seconds")
        }
        let first = timestamps[0]
        let duration = timestamps[timestamps.count - 1] - first
        // A relative slack of 1e-9 keeps a last grid time that rounding pushed just past the end.
        let steps = (duration / interval * (1 + 1e-9)).rounded(.down)
        guard steps < Double(maximumSamples) else {
            throw SamplingError(
                parameter: "interval",
                message: "interval (\(interval)) asks for more than \(maximumSamples) frames over \(duration) s; use a longer interval")
        }
        return nearestFrames(in: timestamps, to: (0...Int(steps)).lazy.map { first + Double($0) * interval })
    }

    /// The frame nearest to each requested time, ties going to the earlier frame: `--at 1.5,3.0` requests.
    ///
    /// `timestamps` are the frames' presentation times in seconds, in presentation order; `times` may come in
    /// any order and the result follows it. A time before the first frame or after the last selects that
    /// frame, as "nearest" implies; checking a request against the video's duration is the caller's policy.
    ///
    /// ```swift
    /// try FrameSampler.nearest(timestamps: [0, 0.5, 1, 1.5], to: [0.7, 0.25, 9])   // [1, 0, 3]
    /// ```
    ///
    /// - Throws: ``SamplingError`` when `timestamps` is empty, not finite or not in ascending order, or a time
    ///   is not finite.
    /// - Complexity: `O(K log N)` for `K` times and `N` frames.
    public static func nearest(timestamps: [Double], to times: [Double]) throws(SamplingError) -> [Int] {
        try checkTimestamps(timestamps)
        if let bad = times.firstIndex(where: { !$0.isFinite }) {
            throw SamplingError(parameter: "times", message: "times[\(bad)] (\(times[bad])) must be a finite number of seconds")
        }
        return nearestFrames(in: timestamps, to: times)
    }

    /// For each time, the index of the nearest timestamp (ties to the earlier) in validated `timestamps`.
    private static func nearestFrames(in timestamps: [Double], to times: some Sequence<Double>) -> [Int] {
        times.map { time in nearestPosition(of: time, amongAscending: timestamps.count) { timestamps[$0] } }
    }

    /// Throws unless `timestamps` is non-empty, finite and ascending (equal neighbours are allowed).
    static func checkTimestamps(_ timestamps: [Double]) throws(SamplingError) {
        guard !timestamps.isEmpty else {
            throw SamplingError(parameter: "timestamps", message: "timestamps is empty; a video needs at least one frame")
        }
        for (i, time) in timestamps.enumerated() {
            guard time.isFinite else {
                throw SamplingError(parameter: "timestamps", message: "timestamps[\(i)] (\(time)) must be a finite number of seconds")
            }
            if i > 0, time < timestamps[i - 1] {
                throw SamplingError(
                    parameter: "timestamps",
                    message: "timestamps[\(i)] (\(time)) is earlier than timestamps[\(i - 1)] (\(timestamps[i - 1])); "
                        + "pass them in presentation order")
            }
        }
    }
}
