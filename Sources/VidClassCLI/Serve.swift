import ArgumentParser
import Foundation
import VidClass
import VidClassServer

/// `vidclass serve`: the HTTP service and its page (see ``VidClassService``).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve classification over HTTP, with a page to drop a video on.",
        discussion: """
            Loads the models once, then answers on http://HOST:PORT/: the page at /, POST /v1/classify (the body is a video, or a multipart/form-data form with a file field; query parameters as the classify options: frames, sampling, stride, seek, clips, pool, model, top; the reply is the JSON record --format json prints), POST /v1/timeline (window, hop), POST /v1/features (JSON, or .npy with format=npy), GET /v1/models, /healthz, /readyz and /metrics (Prometheus). Errors are JSON: {"error": {"code", "message"}} with 400, 404, 413, 415, 422, 503 (with Retry-After: the queue is full) or 504.

            Uploads stay in memory, up to --max-body; nothing is written to disk. At most --max-concurrent videos are processed at once, each with the cores divided between them; --queue more may wait. SIGTERM or Ctrl-C stops accepting connections, lets requests in flight finish (up to --grace seconds) and exits 0. One log line per request goes to standard error.

            Examples:
              vidclass serve
              vidclass serve --port 9000 --model imagenet --model kinetics400
              curl --data-binary @clip.mp4 'http://127.0.0.1:8080/v1/classify?top=3'
            """
    )

    @Option(name: .long, help: "Address to listen on (0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(name: .long, parsing: .unconditional, help: "TCP port (0: any free port).")
    var port = 8080

    @Option(name: .long, help: "A model to serve: a bundle file, an installed name (imagenet, kinetics400) or a folder of bundles; repeat for several (the first is the default). Default: the built-in model.")
    var model: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Largest request body, in MiB.")
    var maxBody = 256

    @Option(name: .long, parsing: .unconditional, help: "Videos processed at once.")
    var maxConcurrent = 2

    @Option(name: .long, parsing: .unconditional, help: "Requests that may wait for a turn; more are refused with 503.")
    var queue = 8

    @Option(name: .long, parsing: .unconditional, help: "Seconds one request may wait and run before it fails with 504.")
    var timeout: Double = 120

    @Option(name: .long, parsing: .unconditional, help: "Seconds SIGTERM waits for requests in flight.")
    var grace: Double = 30

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port (\(port)) must be between 0 and 65535.") }
        guard (1...65_536).contains(maxBody) else { throw ValidationError("--max-body (\(maxBody)) must be between 1 and 65536 MiB.") }
        guard (1...256).contains(maxConcurrent) else {
            throw ValidationError("--max-concurrent (\(maxConcurrent)) must be between 1 and 256.")
        }
        guard (0...10_000).contains(queue) else { throw ValidationError("--queue (\(queue)) must be between 0 and 10000.") }
        guard timeout.isFinite, timeout > 0, timeout <= 86_400 else {
            throw ValidationError("--timeout (\(timeout)) must be more than 0 and at most 86400 seconds.")
        }
        guard grace.isFinite, (0...3_600).contains(grace) else { throw ValidationError("--grace (\(grace)) must be between 0 and 3600 seconds.") }
    }

    func run() throws {
        try Failure.exitOnError {
            var settings = ServerConfiguration()
            settings.host = host
            settings.port = port
            settings.models = model
            settings.maxBody = maxBody << 20
            settings.maxConcurrent = maxConcurrent
            settings.queue = queue
            settings.timeout = .milliseconds(Int64(timeout * 1000))
            settings.gracePeriod = .milliseconds(Int64(grace * 1000))
            let service = try VidClassService(configuration: settings)
            let outcome = BlockingWait { try await service.run() }
            if let error = outcome.wait() {
                throw VidClassError(.io, "The server stopped: \(error).")
            }
        }
    }
}

/// Runs async work from the synchronous command line and waits for it on the calling thread (the work itself
/// runs on Swift concurrency's threads and the server's event loops).
final class BlockingWait: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the task before it signals `done`, read after `wait()`: the semaphore orders the two.
    private var failure: (any Error)?

    init(_ work: @escaping @Sendable () async throws -> Void) {
        Task {
            do { try await work() } catch { self.failure = error }
            self.done.signal()
        }
    }

    /// Waits for the work; its error, if it failed.
    func wait() -> (any Error)? {
        done.wait()
        return failure
    }
}
