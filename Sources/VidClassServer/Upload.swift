import Foundation
import Hummingbird

/// The video of a request, received whole into memory (never onto disk) and bounded by `--max-body`.
///
/// ```swift
/// let expected = try Upload.expect(request, limit: configuration.maxBody)     // from the headers alone
/// let upload = try await Upload.receive(request.body, expected: expected, limit: configuration.maxBody, metrics: metrics)
/// try await classifier.classify(.bytes(upload.bytes))
/// ```
///
/// The body is either the video's bytes (`Content-Type` absent, `application/octet-stream`, any `video/…`, or
/// `application/x-www-form-urlencoded`, which `curl --data-binary @clip.mp4` sends unless told otherwise) or
/// a `multipart/form-data` form whose `file` field holds the video (a browser form, `curl -F file=@clip.mp4`).
/// Any other content type is refused with 415 before the body is read (``expect(_:limit:)``); a
/// `Content-Length` above the limit with 413 at once, and a body without one with 413 once it has passed the
/// limit (the rest is read and dropped). A client that goes away before its body is complete gets 400 (it will
/// not read it). Cost: the body's size in memory, once (twice for a form, whose file part is copied out).
struct Upload: Sendable {
    /// The video's bytes.
    var bytes: [UInt8]
    /// What results call the video: the form's file name, else `upload`.
    var name: String

    /// What a request's headers say of its body, checked before a byte of it is read: whether it is a form
    /// (and its boundary) and the length it announces.
    struct Expected: Sendable {
        var boundary: String?
        var declaredLength: Int?
    }

    /// Checks the content type and the announced length.
    /// - Throws: 415 for a content type that is neither a video nor a form, 413 for a `Content-Length` above
    ///   `limit`, 400 for a form without a boundary.
    static func expect(_ request: Request, limit: Int) throws(APIError) -> Expected {
        let contentType = request.headers[.contentType]
        let mediaType = contentType.map { String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased() }
        var expected = Expected(declaredLength: request.headers[.contentLength].flatMap { Int($0) })
        switch mediaType {
        // curl --data-binary sends application/x-www-form-urlencoded unless told otherwise: take it as the bytes.
        case nil, "application/octet-stream", "application/x-www-form-urlencoded": break
        case let type? where type.hasPrefix("video/"): break
        case "multipart/form-data":
            guard let found = MultipartForm.boundary(ofContentType: contentType ?? "") else {
                throw APIError.usage("The multipart/form-data content type has no boundary; let the browser or curl -F set it.")
            }
            expected.boundary = found
        case let type?:
            throw APIError(
                .unsupportedMediaType, code: "unsupported-media-type",
                "A body of type \(type) is not a video; send the video's bytes (video/… or application/octet-stream) or a multipart/form-data form with a file field.")
        }
        if let declared = expected.declaredLength, declared > limit { throw tooLarge(limit) }
        return expected
    }

    /// Reads `body` whole. A body that passes `limit` is read to its end without being kept (so the connection
    /// stays in step) and refused with 413.
    static func receive(
        _ body: RequestBody, expected: Expected, limit: Int, metrics: ServerMetrics
    ) async throws(APIError) -> Upload {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(expected.declaredLength ?? 0, limit))
        var received = 0
        do {
            for try await chunk in body {
                metrics.received(bytes: chunk.readableBytes)
                received += chunk.readableBytes
                if received > limit {
                    bytes = []
                } else {
                    bytes += chunk.readableBytesView
                }
            }
        } catch {
            throw incomplete
        }
        guard received <= limit else { throw tooLarge(limit) }
        if let declared = expected.declaredLength, received < declared { throw incomplete }
        guard !bytes.isEmpty else {
            throw APIError.usage("The request has no body; send the video's bytes (curl --data-binary @clip.mp4) or a form with a file field.")
        }
        guard let boundary = expected.boundary else { return Upload(bytes: bytes, name: "upload") }
        let (file, filename) = try MultipartForm(body: bytes, boundary: boundary).file(named: "file")
        guard !file.isEmpty else { throw APIError.usage("The form's file field is empty; choose a video to send.") }
        return Upload(bytes: file, name: filename.flatMap { $0.isEmpty ? nil : $0 } ?? "upload")
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "too-large",
            "The upload is larger than this server's limit of \(limit) bytes; send a shorter clip or start the server with a larger --max-body.")
    }

    private static let incomplete = APIError(
        .badRequest, code: "incomplete-upload", "The upload ended before the body it announced was complete; send the whole file again.")
}
