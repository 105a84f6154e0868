import VidClass

/// Runs one request's pipeline: waits for a slot (``JobSlots``), runs the work with the slot's compute threads,
/// and stops it at the timeout.
///
/// ```swift
/// let result = try await jobs.run(route: "/v1/classify") { compute in
///     try await classifier.classify(.bytes(upload.bytes), options: ClassifyOptions(compute: compute))
/// }
/// ```
///
/// The work is the library's async entry points, which decode and compute on threads of their own, never on the
/// HTTP event loop or Swift concurrency's pool. The timeout counts from the moment the job asks for a slot (its
/// wait in line included): a job still in line then leaves it, a running one is cancelled and its decoder stops
/// within one packet, and the reply is 504. A slot is given back only when its work has really stopped, so no
/// more than `--max-concurrent` pipelines ever run.
struct JobRunner: Sendable {
    let slots: JobSlots
    let timeout: Duration
    let metrics: ServerMetrics

    func run<Value: Sendable>(
        route: String, _ work: @escaping @Sendable (ComputeContext) async throws -> Value
    ) async throws(APIError) -> Value {
        let (slots, metrics, timeout) = (self.slots, self.metrics, self.timeout)
        let clock = ContinuousClock()
        let admitted = clock.now
        let outcome: Result<Value?, any Error>
        do {
            outcome = .success(
                try await withThrowingTaskGroup(of: Value?.self) { group in
                    group.addTask {
                        let slot = try await slots.enter()
                        let started = clock.now
                        metrics.stage("queue", route: route, seconds: Self.seconds(started - admitted))
                        defer { metrics.stage("pipeline", route: route, seconds: Self.seconds(clock.now - started)) }
                        do {
                            let value = try await work(slot.compute)
                            await slots.leave(slot)
                            return value
                        } catch {
                            await slots.leave(slot)
                            throw error
                        }
                    }
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        return nil
                    }
                    let first = try await group.next() ?? nil
                    group.cancelAll()
                    return first
                })
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let value?):
            return value
        case .success(nil):
            throw APIError(
                .gatewayTimeout, code: "timeout",
                "The video took longer than this server's limit of \(Self.seconds(timeout)) seconds; send a shorter clip, fewer frames, or raise --timeout.")
        case .failure(is JobSlots.Full):
            throw APIError(
                .serviceUnavailable, code: "busy",
                "The server is busy: \(slots.limit) videos are being processed and \(slots.queueLimit) more are waiting; retry in a few seconds.",
                retryAfter: 2)
        case .failure(is CancellationError):
            throw APIError.clientClosed
        case .failure(let error):
            throw APIError(error)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
