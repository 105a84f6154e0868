import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals
import VidClass

/// `vidclass serve`: one process holding the loaded models and answering HTTP on Hummingbird 2.
///
/// ```swift
/// let service = try VidClassService(configuration: configuration, logger: Logger(label: "vidclass"))
/// try await service.run()                          // until SIGTERM or SIGINT; then drains and returns
///
/// let server = try await service.start()           // in tests: serve in the background…
/// print(server.port)                               // …on the port the system chose for port 0
/// await server.stop()                              // …and stop as SIGTERM would
/// ```
///
/// Models load in `init`, before the server listens, so a connection that is accepted is served (`/readyz`).
/// The pipelines run on their own threads (``JobRunner``); the event loop only moves bytes. On SIGTERM (or
/// ``RunningServer/stop()``) the server stops accepting connections, lets the requests in flight finish —
/// for at most ``ServerConfiguration/gracePeriod`` — and `run()` returns, so the process exits 0.
public struct VidClassService: Sendable {
    public let configuration: ServerConfiguration
    let api: API
    let logger: Logger

    /// Loads the models `configuration` names.
    /// - Throws: ``VidClassError`` when a model cannot be loaded or a limit makes no sense.
    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "vidclass")) throws(VidClassError) {
        guard configuration.maxConcurrent >= 1, configuration.queue >= 0, configuration.maxBody >= 1 else {
            throw VidClassError(.usage, "max-concurrent must be at least 1, queue at least 0 and max-body at least 1 byte.")
        }
        let metrics = ServerMetrics()
        let slots = JobSlots(
            limit: configuration.maxConcurrent, queueLimit: configuration.queue, threadsPerSlot: configuration.threadsPerJob)
        self.configuration = configuration
        self.logger = logger
        self.api = API(
            catalog: try ModelCatalog(arguments: configuration.models),
            jobs: JobRunner(slots: slots, timeout: configuration.timeout, metrics: metrics), metrics: metrics,
            configuration: configuration)
    }

    /// The names of the loaded models, the default first.
    public var modelNames: [String] { api.catalog.models.map(\.name) }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully and returns. `onListening` is called with the
    /// port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await serviceGroup(signals: [.sigterm, .sigint], onListening: onListening).run()
    }

    /// Starts serving in the background and returns once the server listens (signals are left alone).
    public func start() async throws -> RunningServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = serviceGroup(signals: [], onListening: { continuation.yield($0) })
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        for await port in ports { return RunningServer(port: port, group: group, task: task) }
        try await task.value
        throw VidClassError(.internal, "The server stopped before it listened.")
    }

    private func serviceGroup(signals: [UnixSignal], onListening: @escaping @Sendable (Int) async -> Void) -> ServiceGroup {
        let application = Application(
            router: ServerRoutes.router(api: api, logger: logger),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "vidclass"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        var group = ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: signals, logger: logger)
        group.maximumGracefulShutdownDuration = configuration.gracePeriod
        return ServiceGroup(configuration: group)
    }
}

/// A server started with ``VidClassService/start()``.
public struct RunningServer: Sendable {
    /// The port it listens on.
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// Stops as SIGTERM does: no new connections, requests in flight finish, then returns.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
