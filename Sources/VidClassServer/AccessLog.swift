import Foundation
import Hummingbird
import Logging

/// One log line per request — method, path, status, bytes in and out, seconds — and the request's count and
/// latency in ``ServerMetrics``. Errors that escape a route (an unknown path, say) become JSON error replies
/// here, so every reply, and every log line, has a status.
///
/// ```
/// info vidclass.access : POST /v1/classify?frames=8 200 in=509868 out=2431 0.412s
/// ```
///
/// Bytes in are the request's `Content-Length` (`-` for a body without one); bytes out the reply's.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let metrics: ServerMetrics

    /// The paths counted under their own name in metrics; anything else is counted as `other`, so that a scan of
    /// random paths cannot grow the metrics without bound.
    static var knownRoutes: Set<String> {
        ["/", "/v1/classify", "/v1/timeline", "/v1/features", "/v1/models", "/healthz", "/readyz", "/metrics"]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Reply.error(Self.apiError(error, request: request))
        }
        let seconds = JobRunner.seconds(clock.now - start)
        let route = Self.knownRoutes.contains(request.uri.path) ? request.uri.path : "other"
        metrics.request(route: route, status: response.status.code, seconds: seconds)
        let received = request.headers[.contentLength] ?? "-"
        let sent = response.body.contentLength.map(String.init) ?? "-"
        logger.info(
            "\(request.method) \(request.uri) \(response.status.code) in=\(received) out=\(sent) \(String(format: "%.3f", seconds))s")
        return response
    }

    /// The JSON error for an error thrown past a route: Hummingbird's own (404 for an unknown path…) keep their
    /// status.
    private static func apiError(_ error: any Error, request: Request) -> APIError {
        guard let error = error as? any HTTPResponseError else { return APIError(error) }
        if error.status == .notFound {
            return APIError(
                .notFound, code: "not-found",
                "There is no \(request.method) \(request.uri.path) here; the API is POST /v1/classify, /v1/timeline and /v1/features, GET /v1/models, /healthz, /readyz and /metrics.")
        }
        return APIError(error.status, code: "http-\(error.status.code)", "The request could not be served: \(error.status.reasonPhrase).")
    }
}
