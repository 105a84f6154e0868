import Foundation
import VidClass
import VidClassServer

/// Starts an in-process server on a free port of 127.0.0.1 for one test and stops it (as SIGTERM would)
/// afterwards; the sample clips and a client come with it.
enum ServerFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The bytes of `SampleClips/NAME`.
    static func clip(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: packageRoot.appendingPathComponent("SampleClips").appendingPathComponent(name)))
    }

    /// Runs `body` against a server configured by `configure` (port 0 is set for it).
    static func withServer<Result>(
        _ configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (HTTPClient) async throws -> Result
    ) async throws -> Result {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        let server = try await VidClassService(configuration: configuration).start()
        do {
            let result = try await body(HTTPClient(port: server.port))
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}

extension HTTPClient {
    /// ``send(_:_:headers:body:contentLength:timeout:)`` on a thread of its own, so a test waits for it without
    /// blocking one of Swift concurrency's few threads (which the in-process server needs).
    func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try send(method, path, headers: headers, body: body) })
            }
        }
    }

    /// Waits (up to a minute) until the server reports `count` jobs in flight: a request sent in the background
    /// has then really started, however loaded the machine is.
    func waitForJobsInFlight(_ count: Int) async throws {
        for _ in 0..<600 {
            if try await request("GET", "/metrics").text.contains("vidclass_jobs_in_flight \(count)\n") { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "the server never had \(count) jobs in flight")
    }
}
