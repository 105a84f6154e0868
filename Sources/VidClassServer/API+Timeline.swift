import Hummingbird
import VidClass

extension API {
    /// `POST /v1/timeline`: labels per window of the body's video, as `vidclass timeline CLIP --format json`
    /// prints them. Query: `window` and `hop` (durations: `2`, `2s`, `500ms`; defaults 2 s and 1 s),
    /// `frames-per-window`, `model`, `top` (default 1).
    ///
    /// ```
    /// curl --data-binary @talk.mp4 'http://127.0.0.1:8080/v1/timeline?window=4s&hop=2s'
    /// ```
    func timeline(_ request: Request) async throws(APIError) -> Response {
        let query = try QueryParameters(request, allowed: ["window", "hop", "frames-per-window", "model", "top"])
        let model = try self.model(query)
        let options = TimelineOptions(
            window: try query.seconds("window") ?? 2, hop: try query.seconds("hop") ?? 1,
            framesPerWindow: try query.integer("frames-per-window", in: 1...256), top: try query.integer("top", in: 1...1000) ?? 1)
        return try await withUpload(request) { upload async throws(APIError) in
            let classifier = model.classifier
            var timeline = try await jobs.run(route: "/v1/timeline") { compute in
                var options = options
                options.compute = compute
                return try await classifier.timeline(.bytes(upload.bytes), options: options)
            }
            timeline.input = upload.name
            return Reply.text(TimelineFormat.json.render(timeline), type: "application/json")
        }
    }
}
