import Foundation
import Testing
import VidClassServer

/// Every error is a JSON `{"error": {"code", "message"}}` with the status the API documents, and the server
/// goes on serving afterwards.
@Suite(.serialized) struct ErrorReplyTests {
    @Test func garbageIsUnprocessable() async throws {
        try await ServerFixture.withServer { client in
            let garbage = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
            let reply = try await client.request("POST", "/v1/classify", body: garbage)
            #expect(reply.status == 422)
            #expect(reply.errorCode == "bad-data")
            #expect(reply.errorMessage?.hasSuffix(".") == true)
        }
    }

    @Test func truncatedVideoIsUnprocessable() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            let reply = try await client.request("POST", "/v1/classify", body: Array(clip.prefix(200_000)))
            #expect(reply.status == 422)
            #expect(reply.errorCode == "bad-data")
            #expect(reply.errorMessage?.contains("truncated") == true)
        }
    }

    @Test func tooLargeIsRefusedBeforeOrWhileReading() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer({ $0.maxBody = 100_000 }) { client in
            let announced = try await client.request("POST", "/v1/classify", body: clip)
            #expect(announced.status == 413)
            #expect(announced.errorCode == "too-large")
            #expect(announced.errorMessage?.contains("--max-body") == true)
            let form = HTTPClient.form(file: clip, filename: "bikes.mp4")
            let chunked = try await client.request(
                "POST", "/v1/classify", headers: [("Content-Type", form.contentType)], body: form.body)
            #expect(chunked.status == 413)
            #expect(try await client.request("GET", "/healthz").status == 200)
        }
    }

    @Test func wrongContentTypeIsUnsupported() async throws {
        try await ServerFixture.withServer { client in
            let reply = try await client.request("POST", "/v1/classify", headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
            #expect(reply.status == 415)
            #expect(reply.errorCode == "unsupported-media-type")
            #expect(reply.errorMessage?.contains("application/json") == true)
        }
    }

    @Test func unknownModelNamesTheModelsHeld() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            let reply = try await client.request("POST", "/v1/classify?model=kinetics", body: clip)
            #expect(reply.status == 404)
            #expect(reply.errorCode == "missing-input")
            #expect(reply.errorMessage?.contains("'kinetics'") == true)
            #expect(reply.errorMessage?.contains("imagenet") == true)
        }
    }

    @Test(arguments: [
        ("frames=0", "frames (0)"), ("sampling=sideways", "sampling (sideways)"), ("top=x", "top (x)"),
        ("pool=attention", "attention"), ("colour=red", "'colour'"), ("clips=3&sampling=uniform", "clips"),
    ])
    func badQueryIsAUsageError(query: String, named: String) async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            let reply = try await client.request("POST", "/v1/classify?\(query)", body: clip)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "usage")
            #expect(reply.errorMessage?.contains(named) == true, "\(reply.errorMessage ?? "")")
        }
    }

    @Test func emptyBodyAndFormWithoutFileAreUsageErrors() async throws {
        try await ServerFixture.withServer { client in
            let empty = try await client.request("POST", "/v1/classify")
            #expect(empty.status == 400 && empty.errorCode == "usage")
            let form = HTTPClient.form(file: [1, 2, 3], field: "video", filename: "a.mp4")
            let wrongField = try await client.request("POST", "/v1/classify", headers: [("Content-Type", form.contentType)], body: form.body)
            #expect(wrongField.status == 400)
            #expect(wrongField.errorMessage?.contains("file field") == true || wrongField.errorMessage?.contains("named 'file'") == true)
        }
    }

    @Test func unknownPathIsAJSONNotFound() async throws {
        try await ServerFixture.withServer { client in
            let reply = try await client.request("GET", "/v2/classify")
            #expect(reply.status == 404)
            #expect(reply.errorCode == "not-found")
        }
    }

    @Test func clientHangingUpMidUploadLeavesTheServerWell() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer { client in
            for _ in 0..<3 { try client.hangUp(afterSending: Array(clip.prefix(100_000)), announcedBytes: clip.count) }
            let reply = try await client.request("POST", "/v1/classify?frames=2", body: clip)
            #expect(reply.status == 200)
            let metrics = try await client.request("GET", "/metrics").text
            #expect(metrics.contains("vidclass_jobs_in_flight 0"))
            #expect(metrics.contains(#"vidclass_job_seconds_count{route="/v1/classify",stage="pipeline"} 1"#))
        }
    }

    @Test func fullQueueIsServiceUnavailableWithRetryAfter() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer({ $0.maxConcurrent = 1; $0.queue = 0 }) { client in
            async let slow = client.request("POST", "/v1/classify?frames=250", body: clip)
            try await client.waitForJobsInFlight(1)
            let refused = try await client.request("POST", "/v1/classify?frames=2", body: clip)
            #expect(refused.status == 503)
            #expect(refused.errorCode == "busy")
            #expect(refused.headers["retry-after"] == "2")
            #expect(try await slow.status == 200)
        }
    }

    @Test func pastTheTimeoutIsGatewayTimeout() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer({ $0.timeout = .milliseconds(50) }) { client in
            let reply = try await client.request("POST", "/v1/classify?frames=250", body: clip)
            #expect(reply.status == 504)
            #expect(reply.errorCode == "timeout")
            let metrics = try await client.request("GET", "/metrics").text
            #expect(metrics.contains("vidclass_jobs_in_flight 0"))
        }
    }
}

/// The timeout covers the wait in line: both a running and a waiting request get their 504, and nothing is left
/// running or waiting. (That the waiter leaves the line without a slot is checked on ``JobSlots`` itself, in
/// ``JobSlotsTests``: over HTTP the timing depends on the machine's load.)
@Suite(.serialized) struct QueueTimeoutTests {
    @Test func aRequestWaitingInLineTimesOutThere() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer({ $0.maxConcurrent = 1; $0.queue = 1; $0.timeout = .seconds(1) }) { client in
            async let first = client.request("POST", "/v1/classify?frames=250", body: clip)
            try await Task.sleep(for: .milliseconds(200))
            let waiting = try await client.request("POST", "/v1/classify?frames=250", body: clip)
            #expect(waiting.status == 504)
            #expect(try await first.status == 504)
            let metrics = try await client.request("GET", "/metrics").text
            #expect(metrics.contains("vidclass_jobs_in_flight 0"))
            #expect(metrics.contains("vidclass_jobs_queued 0"))
        }
    }
}

/// A client that hangs up while its video is processed frees the pipeline at once.
@Suite(.serialized) struct HangUpTests {
    @Test func hangingUpDuringTheJobStopsIt() async throws {
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer({ $0.maxConcurrent = 1 }) { client in
            try client.hangUp(afterSending: clip, announcedBytes: clip.count, path: "/v1/classify?frames=250", waitBeforeClosing: 0.5)
            // A job that ran to its end would be counted as 200; a stopped one is 499. Poll: a loaded machine is slow.
            var metrics = ""
            for _ in 0..<100 where !metrics.contains(#"status="499"} 1"#) {
                try await Task.sleep(for: .milliseconds(100))
                metrics = try await client.request("GET", "/metrics").text
            }
            #expect(metrics.contains("vidclass_jobs_in_flight 0"))
            #expect(metrics.contains(#"vidclass_requests_total{route="/v1/classify",status="499"} 1"#))
            #expect(!metrics.contains(#"vidclass_requests_total{route="/v1/classify",status="200"}"#))
            let next = try await client.request("POST", "/v1/classify?frames=2", body: clip)
            #expect(next.status == 200)
        }
    }
}
