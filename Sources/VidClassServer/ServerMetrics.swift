import Synchronization

/// The service's counters, in Prometheus's text format at `GET /metrics`.
///
/// ```
/// vidclass_requests_total{route="/v1/classify",status="200"} 12
/// vidclass_request_seconds_bucket{route="/v1/classify",le="0.5"} 9        (whole request, upload included)
/// vidclass_job_seconds_bucket{route="/v1/classify",stage="queue",le="0.05"} 7   (waiting for a pipeline)
/// vidclass_job_seconds_bucket{route="/v1/classify",stage="pipeline",le="1"} 12  (decode + model, on its threads)
/// vidclass_jobs_in_flight 2
/// vidclass_jobs_queued 1
/// vidclass_received_bytes_total 16234112
/// ```
///
/// Decoding and the model run interleaved (frames go through the backbone while later ones decode), so the
/// pipeline is timed as one stage; the wait for a slot is timed apart. Thread-safe: one lock around plain
/// dictionaries; recording costs a dictionary update.
final class ServerMetrics: Sendable {
    private struct State {
        var requests: [Key: Int] = [:]
        var latency: [String: Histogram] = [:]
        var stages: [StageKey: Histogram] = [:]
        var receivedBytes = 0
    }

    private struct Key: Hashable, Comparable {
        var route: String
        var status: Int
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.route, lhs.status) < (rhs.route, rhs.status) }
    }

    private struct StageKey: Hashable, Comparable {
        var route: String
        var stage: String
        static func < (lhs: StageKey, rhs: StageKey) -> Bool { (lhs.route, lhs.stage) < (rhs.route, rhs.stage) }
    }

    private let state = Mutex(State())

    /// Counts one finished request and its whole duration.
    func request(route: String, status: Int, seconds: Double) {
        state.withLock {
            $0.requests[Key(route: route, status: status), default: 0] += 1
            $0.latency[route, default: Histogram()].record(seconds)
        }
    }

    /// Times one stage of a job (`queue` or `pipeline`).
    func stage(_ stage: String, route: String, seconds: Double) {
        state.withLock { $0.stages[StageKey(route: route, stage: stage), default: Histogram()].record(seconds) }
    }

    /// Counts request body bytes as they arrive.
    func received(bytes: Int) {
        state.withLock { $0.receivedBytes += bytes }
    }

    /// The exposition text; `inFlight` and `queued` are read from the job slots by the caller.
    func text(inFlight: Int, queued: Int) -> String {
        let state = state.withLock { $0 }
        var lines = [
            "# HELP vidclass_requests_total Requests answered, by route and HTTP status.",
            "# TYPE vidclass_requests_total counter",
        ]
        lines += state.requests.keys.sorted().map { key in
            "vidclass_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(state.requests[key]!)"
        }
        lines += [
            "# HELP vidclass_request_seconds Time from a request's arrival to its reply, upload included.",
            "# TYPE vidclass_request_seconds histogram",
        ]
        lines += state.latency.keys.sorted().flatMap { route in
            state.latency[route]!.lines(name: "vidclass_request_seconds", labels: "route=\"\(route)\"")
        }
        lines += [
            "# HELP vidclass_job_seconds Time a job spent waiting for a pipeline (queue) and in it (pipeline: decoding and the model).",
            "# TYPE vidclass_job_seconds histogram",
        ]
        lines += state.stages.keys.sorted().flatMap { key in
            state.stages[key]!.lines(name: "vidclass_job_seconds", labels: "route=\"\(key.route)\",stage=\"\(key.stage)\"")
        }
        lines += [
            "# HELP vidclass_jobs_in_flight Jobs running in a pipeline now.",
            "# TYPE vidclass_jobs_in_flight gauge",
            "vidclass_jobs_in_flight \(inFlight)",
            "# HELP vidclass_jobs_queued Jobs waiting for a pipeline now.",
            "# TYPE vidclass_jobs_queued gauge",
            "vidclass_jobs_queued \(queued)",
            "# HELP vidclass_received_bytes_total Request body bytes received.",
            "# TYPE vidclass_received_bytes_total counter",
            "vidclass_received_bytes_total \(state.receivedBytes)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
