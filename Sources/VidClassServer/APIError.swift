import Hummingbird
import VidClass

/// An error reply of the HTTP API: a status and the body `{"error": {"code": …, "message": …}}`, whose message
/// is one sentence saying what is wrong and what to do (the same sentence the command-line tool prints).
///
/// The library's categories map onto statuses: usage → 400, bad data → 422, missing input (an unknown model)
/// → 404, I/O and internal failures → 500. The service adds its own: 413 (body larger than `--max-body`), 415
/// (a body that is neither a video nor multipart/form-data), 503 with `Retry-After` (the queue is full) and 504
/// (past `--timeout`).
struct APIError: Error, Sendable, Equatable {
    var status: HTTPResponse.Status
    /// A short machine-readable name: the library's category (`usage`, `bad-data`, …) or the service's own.
    var code: String
    var message: String
    /// Seconds after which a retry may succeed (503 only).
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, code: String, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// The reply for a library error.
    init(_ error: VidClassError) {
        switch error.category {
        case .usage: self.init(.badRequest, code: error.category.rawValue, error.message)
        case .badData: self.init(.unprocessableContent, code: error.category.rawValue, error.message)
        case .missingInput: self.init(.notFound, code: error.category.rawValue, error.message)
        case .cannotCreate, .io, .internal: self.init(.internalServerError, code: error.category.rawValue, error.message)
        }
    }

    /// The reply for any error met while serving: ours as they are, the library's by category, anything else
    /// folded into a library error first.
    init(_ error: any Error) {
        if let error = error as? APIError {
            self = error
        } else if error is CancellationError {
            self = .clientClosed
        } else {
            self.init(VidClassError(error))
        }
    }

    static func usage(_ message: String) -> APIError { APIError(.badRequest, code: "usage", message) }

    /// The client went away before its reply (499, nginx's "client closed request"); only the access log and
    /// the metrics see it.
    static let clientClosed = APIError(
        HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), code: "client-closed",
        "The client closed the connection before the reply; its work was stopped.")

    /// The JSON body.
    var body: Body { Body(error: .init(code: code, message: message)) }

    struct Body: Codable, Equatable {
        struct Detail: Codable, Equatable {
            var code: String
            var message: String
        }
        var error: Detail
    }
}
