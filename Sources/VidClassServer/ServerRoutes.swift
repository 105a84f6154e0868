import Hummingbird
import Logging

/// The service's paths, each wired to its ``API`` method, behind the access log.
///
/// | path | what |
/// |---|---|
/// | `GET /` | the page to drop a video on (``Page``) |
/// | `POST /v1/classify` | top labels of the body's video, the CLI's JSON record |
/// | `POST /v1/timeline` | labels per window |
/// | `POST /v1/features` | backbone features, JSON or `.npy` |
/// | `GET /v1/models` | the models held |
/// | `GET /healthz`, `GET /readyz` | liveness, readiness |
/// | `GET /metrics` | Prometheus text |
enum ServerRoutes {
    static func router(api: API, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: AccessLog(logger: logger, metrics: api.metrics))
        router.get("/") { _, _ in Reply.text(Page.html, type: "text/html; charset=utf-8") }
        router.post("/v1/classify") { request, _ in await respond { () async throws(APIError) in try await api.classify(request) } }
        router.post("/v1/timeline") { request, _ in await respond { () async throws(APIError) in try await api.timeline(request) } }
        router.post("/v1/features") { request, _ in await respond { () async throws(APIError) in try await api.features(request) } }
        router.get("/v1/models") { _, _ in api.models() }
        router.get("/healthz") { _, _ in api.health() }
        router.get("/readyz") { _, _ in api.ready() }
        router.get("/metrics") { _, _ in await api.metricsText() }
        return router
    }

    /// The route's reply, or its error as a JSON error reply.
    private static func respond(_ route: () async throws(APIError) -> Response) async -> Response {
        do {
            return try await route()
        } catch {
            return Reply.error(error)
        }
    }
}
