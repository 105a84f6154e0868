import Hummingbird
import VidClass

extension API {
    /// `POST /v1/features`: the backbone's features of the body's video, as `vidclass features` computes them —
    /// the mean over the sampled frames (shape `[d]`) or, with `per-frame=1`, one row per frame (`[T, d]`).
    ///
    /// The reply is JSON (`{"input", "model", "sampling", "shape", "features", "frames"}`, `features` nested
    /// as the shape says) or, with `Accept: application/x-npy` or `format=npy`, a `.npy` file NumPy loads as
    /// is. Query: the sampling parameters of `/v1/classify`, `model`, `per-frame`, `format` (json or npy).
    ///
    /// ```
    /// curl --data-binary @clip.mp4 'http://127.0.0.1:8080/v1/features?format=npy' -o clip.npy
    /// ```
    func features(_ request: Request) async throws(APIError) -> Response {
        let query = try QueryParameters(request, allowed: QueryParameters.sampling + ["model", "per-frame", "format"])
        let model = try self.model(query)
        let perFrame = try query.flag("per-frame")
        let npy = try Self.wantsNumpy(query, accept: request.headers[.accept])
        let sampling = model.bundle.metadata.samplingStrategy(for: try query.samplingRequest())
        let seek = try query.seek()
        return try await withUpload(request) { upload async throws(APIError) in
            let extractor = model.extractor
            let row = try await jobs.run(route: "/v1/features") { compute in
                var extractor = extractor
                extractor.compute = compute
                return try await extractor.features(of: .bytes(upload.bytes), sampling: sampling, seek: seek)
            }
            let (batchShape, values) = FeatureExport.array([row], perFrame: perFrame)
            let shape = Array(batchShape.dropFirst())
            if npy { return Reply.bytes(FeatureExport.npyBytes(shape: shape, values: values), type: "application/x-npy") }
            let dimension = shape.last ?? 0
            let rows = stride(from: 0, to: values.count, by: max(1, dimension)).map { Array(values[$0..<min($0 + dimension, values.count)]) }
            return Reply.json(
                FeatureReply(
                    input: upload.name, model: model.name, sampling: sampling.displayName, shape: shape,
                    features: perFrame ? .rows(rows) : .row(values), frames: row.frames))
        }
    }

    private static func wantsNumpy(_ query: QueryParameters, accept: String?) throws(APIError) -> Bool {
        switch query.text("format") {
        case "npy": return true
        case "json": return false
        case nil: return accept?.contains("application/x-npy") ?? false
        case let other?: throw APIError.usage("format (\(other)) must be json or npy.")
        }
    }
}

/// The JSON reply of `/v1/features`.
struct FeatureReply: Encodable {
    enum Values: Encodable {
        case row([Float])
        case rows([[Float]])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .row(let values): try container.encode(values)
            case .rows(let rows): try container.encode(rows)
            }
        }
    }

    var input: String
    var model: String
    var sampling: String
    var shape: [Int]
    var features: Values
    /// The frame behind each row of a per-frame array (and the frames averaged otherwise).
    var frames: [FrameFeatures.Frame]
}
