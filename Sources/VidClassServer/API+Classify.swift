import Hummingbird
import VidClass

extension API {
    /// `POST /v1/classify`: the body's video classified; the reply is the record `vidclass CLIP --format json`
    /// prints, byte for byte the same schema (`input` is the form's file name, else `upload`).
    ///
    /// Query parameters are the command line's: `frames`, `sampling`, `stride`, `seek`, `clips`, `seed`,
    /// `out-of-range`, `pool`, `model`, `top`. `thumbnails=1` (for the page) also fills each frame's own
    /// `topLabel` and adds `thumbnails`: one small PNG data URL per sampled frame, in the frames' order.
    ///
    /// ```
    /// curl --data-binary @clip.mp4 'http://127.0.0.1:8080/v1/classify?frames=8&top=3'
    /// ```
    func classify(_ request: Request) async throws(APIError) -> Response {
        let query = try QueryParameters(request, allowed: QueryParameters.sampling + ["pool", "model", "top", "thumbnails"])
        let model = try self.model(query)
        let thumbnails = try query.flag("thumbnails")
        let options = ClassifyOptions(
            sampling: model.bundle.metadata.samplingStrategy(for: try query.samplingRequest()), seek: try query.seek(),
            pooling: try query.choice("pool", Pooling.self), top: try query.integer("top", in: 1...1000) ?? 5,
            perFrameLabels: thumbnails, keepFrames: thumbnails)
        return try await withUpload(request) { upload async throws(APIError) in
            let classifier = model.classifier
            let (result, frames) = try await jobs.run(route: "/v1/classify") { compute in
                var options = options
                options.compute = compute
                options.decoderThreads = compute.threads
                var (result, frames) = try await classifier.classifyKeepingFrames(.bytes(upload.bytes), options: options)
                result.input = upload.name
                return (result, thumbnails ? try frames.map { try Thumbnail.dataURL(of: $0) } : [])
            }
            return thumbnails ? Reply.json(ClassificationWithThumbnails(record: result, thumbnails: frames)) : Reply.json(result)
        }
    }
}

/// A classification record with the sampled frames as data URLs beside its own fields.
struct ClassificationWithThumbnails: Encodable {
    var record: Classification
    var thumbnails: [String]

    private enum Keys: String, CodingKey { case thumbnails }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(thumbnails, forKey: .thumbnails)
    }
}
