import Foundation
import Hummingbird

/// The video of a request, received whole into memory (never onto disk) and bounded by `--max-body`.
///
/// ```swift
/// let upload = try await Upload.receive(request, limit: configuration.maxBody, metrics: metrics)
/// try await classifier.classify(.bytes(upload.bytes))
/// ```
///
/// The body is either the video's bytes (`Content-Type` absent, `application/octet-stream`, any `video/…`, or
/// `application/x-www-form-urlencoded`, which `curl --data-binary @clip.mp4` sends unless told otherwise) or
/// a `multipart/form-data` form whose `file` field holds the video (a browser form, `curl -F file=@clip.mp4`).
/// Any other content type is refused with 415 before the body is read; a `Content-Length` above the limit with
/// 413 at once, and a body without one with 413 as soon as it passes the limit. A client that goes away before
/// its body is complete gets 400 (it will not read it). Cost: the body's size in memory, once (twice for a
/// form, whose file part is copied out).
struct Upload: Sendable {
    /// The video's bytes.
    var bytes: [UInt8]
    /// What results call the video: the form's file name, else `upload`.
    var name: String

    static func receive(_ request: Request, limit: Int, metrics: ServerMetrics) async throws(APIError) -> Upload {
        let contentType = request.headers[.contentType]
        let mediaType = contentType.map { String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased() }
        let boundary: String?
        switch mediaType {
        // curl --data-binary sends application/x-www-form-urlencoded unless told otherwise: take it as the bytes.
        case nil, "application/octet-stream", "application/x-www-form-urlencoded": boundary = nil
        case let type? where type.hasPrefix("video/"): boundary = nil
        case "multipart/form-data":
            guard let found = MultipartForm.boundary(ofContentType: contentType ?? "") else {
                throw APIError.usage("The multipart/form-data content type has no boundary; let the browser or curl -F set it.")
            }
            boundary = found
        case let type?:
            throw APIError(
                .unsupportedMediaType, code: "unsupported-media-type",
                "A body of type \(type) is not a video; send the video's bytes (video/… or application/octet-stream) or a multipart/form-data form with a file field.")
        }
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        if let declared, declared > limit { throw tooLarge(limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declared ?? 0, limit))
        do {
            for try await chunk in request.body {
                metrics.received(bytes: chunk.readableBytes)
                guard bytes.count + chunk.readableBytes <= limit else { throw tooLarge(limit) }
                bytes += chunk.readableBytesView
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw incomplete
        }
        if let declared, bytes.count < declared { throw incomplete }
        guard !bytes.isEmpty else {
            throw APIError.usage("The request has no body; send the video's bytes (curl --data-binary @clip.mp4) or a form with a file field.")
        }
        guard let boundary else { return Upload(bytes: bytes, name: "upload") }
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
