/// A Prometheus histogram of durations in seconds: cumulative counts per upper bound, the sum and the count.
///
/// ```swift
/// var latency = Histogram()
/// latency.record(0.42)
/// latency.lines(name: "vidclass_request_seconds", labels: #"route="/v1/classify""#)
/// // vidclass_request_seconds_bucket{route="/v1/classify",le="0.5"} 1 … _sum … _count 1
/// ```
///
/// A value type; the owner serialises access. Cost: one pass over the bounds per value.
struct Histogram: Sendable {
    /// Upper bounds in seconds, from a quick request (a small clip) to the longest timeout.
    static let bounds: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

    private(set) var counts = [Int](repeating: 0, count: bounds.count)
    private(set) var sum = 0.0
    private(set) var count = 0

    mutating func record(_ seconds: Double) {
        for (index, bound) in Self.bounds.enumerated() where seconds <= bound { counts[index] += 1 }
        sum += seconds
        count += 1
    }

    /// The exposition lines (`_bucket` per bound and `+Inf`, `_sum`, `_count`); `labels` is the inside of the
    /// braces, without the `le` label.
    func lines(name: String, labels: String) -> [String] {
        let prefix = labels.isEmpty ? "" : labels + ","
        let suffix = labels.isEmpty ? "" : "{\(labels)}"
        return zip(Self.bounds, counts).map { bound, count in "\(name)_bucket{\(prefix)le=\"\(bound)\"} \(count)" }
            + ["\(name)_bucket{\(prefix)le=\"+Inf\"} \(count)", "\(name)_sum\(suffix) \(sum)", "\(name)_count\(suffix) \(count)"]
    }
}
