import Foundation
import Hummingbird
import VidClass

/// What every route of the service shares: the loaded models, the job runner (slots, queue, timeout), the
/// metrics and the limits. One value, built at start and captured by the route closures.
///
/// Each route has its own file (`API+Classify.swift`, …) and turns a request into a ``Response`` or an
/// ``APIError``; ``ServerRoutes`` wires them to paths and turns errors into JSON replies.
struct API: Sendable {
    let catalog: ModelCatalog
    let jobs: JobRunner
    let metrics: ServerMetrics
    let configuration: ServerConfiguration

    /// The model a request names in `?model=`, or the first.
    func model(_ query: QueryParameters) throws(APIError) -> ModelCatalog.Model {
        do {
            return try catalog.model(named: query.text("model"))
        } catch {
            throw APIError(error)
        }
    }

    /// Runs `reply` — which reads the request's video (bounded by `--max-body`) and runs the job — so that a
    /// client hanging up stops it: the task is cancelled when the connection's inbound side closes, a job
    /// waiting in line leaves it, a running one's decoder stops within one packet, and the slot goes to the next
    /// request. (The reply then goes nowhere; the access log and metrics count it as 499, as nginx does.) The
    /// content type and announced length are checked first, before any of the body is read; the connection is
    /// closed after the reply.
    func withUpload(
        _ request: Request, _ reply: @escaping (Upload) async throws(APIError) -> Response
    ) async throws(APIError) -> Response {
        let (limit, metrics) = (configuration.maxBody, self.metrics)
        let expected = try Upload.expect(request, limit: limit)
        do {
            return try await request.body.consumeWithCancellationOnInboundClose { body in
                try await reply(try await Upload.receive(body, expected: expected, limit: limit, metrics: metrics))
            }
        } catch {
            throw APIError(error)
        }
    }
}

/// Replies with bodies.
enum Reply {
    /// A JSON reply of `value` encoded as the command-line tool encodes its records (``JSONRecord``), with a
    /// final newline, like `--format json`.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        bytes(Array(JSONRecord.data(value, pretty: true)) + [UInt8(ascii: "\n")], type: "application/json", status: status)
    }

    /// A reply of `text` (already JSON, Prometheus text, HTML…) as `type`.
    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(Array(text.utf8), type: type, status: status)
    }

    static func bytes(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: type, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The JSON error reply of `error`, with `Retry-After` when it has one.
    static func error(_ error: APIError) -> Response {
        var response = json(error.body, status: error.status)
        if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}
