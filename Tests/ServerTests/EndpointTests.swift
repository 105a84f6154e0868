import Foundation
import Testing
import VidClassServer

/// Every endpoint answers as documented, on an in-process server.
@Suite(.serialized) struct EndpointTests {
    @Test func healthReadinessAndModels() async throws {
        try await ServerFixture.withServer { client in
            let health = try await client.request("GET", "/healthz")
            #expect(health.status == 200 && health.json["status"] as? String == "ok")
            let ready = try await client.request("GET", "/readyz")
            #expect(ready.status == 200 && ready.json["models"] as? [String] == ["imagenet"])
            let models = try await client.request("GET", "/v1/models")
            let first = (models.json["models"] as? [[String: Any]])?.first
            #expect(first?["name"] as? String == "imagenet")
            #expect(first?["default"] as? Bool == true)
            #expect(first?["labelCount"] as? Int == 1000)
        }
    }

    @Test func classifyRawBodyAndForm() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            let raw = try await client.request("POST", "/v1/classify?frames=8&top=3", headers: [("Content-Type", "video/mp4")], body: clip)
            #expect(raw.status == 200)
            #expect(raw.headers["content-type"] == "application/json")
            #expect(raw.json["input"] as? String == "upload")
            #expect((raw.json["predictions"] as? [Any])?.count == 3)
            #expect((raw.json["frames"] as? [Any])?.count == 8)
            let (body, type) = HTTPClient.form(file: clip, filename: "bikes.mp4")
            let form = try await client.request("POST", "/v1/classify?top=3", headers: [("Content-Type", type)], body: body)
            #expect(form.status == 200)
            #expect(form.json["input"] as? String == "bikes.mp4")
            #expect(form.json["thumbnails"] == nil)
        }
    }

    @Test func thumbnailsForThePage() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            let reply = try await client.request("POST", "/v1/classify?frames=4&thumbnails=1", body: clip)
            #expect(reply.status == 200)
            let thumbnails = reply.json["thumbnails"] as? [String] ?? []
            #expect(thumbnails.count == 4)
            #expect(thumbnails.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
            let frames = reply.json["frames"] as? [[String: Any]] ?? []
            #expect(frames.allSatisfy { $0["topLabel"] != nil })
        }
    }

    @Test func timeline() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            let reply = try await client.request("POST", "/v1/timeline?window=4s&hop=2s&frames-per-window=4", body: clip)
            #expect(reply.status == 200)
            let windows = reply.json["windows"] as? [[String: Any]] ?? []
            #expect(windows.count >= 4)
            #expect(windows.first?["start"] as? Double == 0)
            #expect(reply.json["input"] as? String == "upload")
        }
    }

    @Test func featuresAsJSONAndNumpy() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            let json = try await client.request("POST", "/v1/features?frames=4", body: clip)
            #expect(json.status == 200)
            #expect(json.json["shape"] as? [Int] == [1280])
            #expect((json.json["features"] as? [Double])?.count == 1280)
            let perFrame = try await client.request("POST", "/v1/features?frames=4&per-frame=1", body: clip)
            #expect(perFrame.json["shape"] as? [Int] == [4, 1280])
            #expect((perFrame.json["features"] as? [[Double]])?.count == 4)
            let npy = try await client.request("POST", "/v1/features?frames=4", headers: [("Accept", "application/x-npy")], body: clip)
            #expect(npy.status == 200)
            #expect(npy.headers["content-type"] == "application/x-npy")
            #expect(Array(npy.body.prefix(6)) == [0x93] + Array("NUMPY".utf8))
            #expect(npy.body.count == 128 + 1280 * 4)
            #expect(npy.text.contains("'shape': (1280,)"))
        }
    }

    @Test func metricsCountRequestsAndBytes() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            _ = try await client.request("POST", "/v1/classify?frames=2", body: clip)
            _ = try await client.request("POST", "/v1/classify", headers: [("Content-Type", "text/plain")], body: [1, 2, 3])
            let metrics = try await client.request("GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains(#"vidclass_requests_total{route="/v1/classify",status="200"} 1"#))
            #expect(metrics.text.contains(#"vidclass_requests_total{route="/v1/classify",status="415"} 1"#))
            #expect(metrics.text.contains(#"vidclass_request_seconds_count{route="/v1/classify"} 2"#))
            #expect(metrics.text.contains(#"vidclass_job_seconds_count{route="/v1/classify",stage="pipeline"} 1"#))
            #expect(metrics.text.contains("vidclass_jobs_in_flight 0"))
            #expect(metrics.text.contains("vidclass_jobs_queued 0"))
            #expect(metrics.text.contains("vidclass_received_bytes_total \(clip.count)"))
        }
    }

    @Test func thePageComesFromTheBinary() async throws {
        try await ServerFixture.withServer { client in
            let page = try await client.request("GET", "/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.text.contains("<input"))
            #expect(!page.text.contains("http://") && !page.text.contains("https://"))
        }
    }
}
