import Hummingbird
import VidClass

extension API {
    /// `GET /v1/models`: the models this server holds, the default first.
    func models() -> Response {
        Reply.json(
            ModelsReply(
                models: catalog.models.enumerated().map { position, model in
                    let metadata = model.bundle.metadata
                    return .init(
                        name: model.name, isDefault: position == 0, architecture: metadata.architecture.rawValue,
                        frames: metadata.frames, sampling: metadata.sampling, pooling: metadata.pooling.rawValue,
                        poolings: model.bundle.availablePoolings.map(\.rawValue), labelCount: metadata.labels.count,
                        labels: Array(metadata.labels.prefix(5)))
                }))
    }

    /// `GET /healthz`: the process answers (liveness).
    func health() -> Response { Reply.json(["status": "ok"]) }

    /// `GET /readyz`: the models are loaded and requests are served (readiness). The server listens only once
    /// its models are loaded, so a reply is always ready; a process still loading refuses the connection.
    func ready() -> Response { Reply.json(ReadyReply(status: "ready", models: catalog.models.map(\.name))) }

    /// `GET /metrics`: Prometheus text (see ``ServerMetrics``).
    func metricsText() async -> Response {
        let (inFlight, queued) = (await jobs.slots.running, await jobs.slots.queued)
        return Reply.text(metrics.text(inFlight: inFlight, queued: queued), type: "text/plain; version=0.0.4")
    }
}

struct ModelsReply: Encodable {
    struct Model: Encodable {
        var name: String
        var isDefault: Bool
        var architecture: String
        var frames: Int
        var sampling: String
        var pooling: String
        /// The poolings `?pool=` may ask for.
        var poolings: [String]
        var labelCount: Int
        /// The first few labels.
        var labels: [String]

        enum CodingKeys: String, CodingKey {
            case name, architecture, frames, sampling, pooling, poolings, labels
            case isDefault = "default"
            case labelCount = "labelCount"
        }
    }
    var models: [Model]
}

struct ReadyReply: Encodable {
    var status: String
    var models: [String]
}
