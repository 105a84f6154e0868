import Foundation

/// Everything `vidclass serve` is told: where to listen, which models to hold, and the limits that keep one busy
/// process healthy (body size, concurrent jobs, queue length, time per job, grace period on SIGTERM).
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.port = 0              // any free port (tests read the chosen one from the running server)
/// configuration.maxConcurrent = 2     // two pipelines at once; each gets cores ÷ 2 compute threads
/// ```
public struct ServerConfiguration: Sendable, Equatable {
    /// The address to listen on; the default serves this machine only.
    public var host = "127.0.0.1"
    /// The TCP port; 0 picks a free one.
    public var port = 8080
    /// `--model` arguments: bundle files, installed names (`imagenet`, `kinetics400`) or folders of bundles. Empty
    /// loads the default model alone. The first model is the default of requests that name none.
    public var models: [String] = []
    /// The largest request body accepted, in bytes; a larger upload is refused with 413 before it is read whole.
    public var maxBody = 256 << 20
    /// How many pipelines run at once.
    public var maxConcurrent = 2
    /// How many requests may wait for a free pipeline; one more is refused with 503 and `Retry-After`.
    public var queue = 8
    /// The time one request may spend waiting and running; past it the reply is 504 and the work is stopped.
    public var timeout: Duration = .seconds(120)
    /// How long SIGTERM waits for requests in flight before the process gives up on them.
    public var gracePeriod: Duration = .seconds(30)

    public init() {}

    /// Compute threads per pipeline: the machine's cores shared evenly by ``maxConcurrent`` jobs (at least 1).
    public var threadsPerJob: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount / max(1, maxConcurrent))
    }
}
