import Foundation
import Testing
import VidClassServer

/// The server as a user starts it: the same JSON as the command line, and a graceful SIGTERM.
@Suite(.serialized) struct ProcessTests {
    /// `POST /v1/classify` answers with exactly the bytes `vidclass CLIP --format json` prints, for the same
    /// clip and options (the form's file name is the input's name, as the path is on the command line).
    @Test(arguments: [
        ("bikes.mp4", [String](), ""),
        ("cleaning_a_pool.mp4", ["--frames", "8", "--sampling", "stride", "--stride", "4", "--top", "3", "--pool", "max"],
         "frames=8&sampling=stride&stride=4&top=3&pool=max"),
        ("flipping_a_pancake.mkv", ["--frames", "6", "--seek", "keyframe", "--top", "10"], "frames=6&seek=keyframe&top=10"),
    ])
    func classifyEqualsTheCommandLine(clip: String, arguments: [String], query: String) async throws {
        let folder = ServerFixture.packageRoot.appendingPathComponent("SampleClips")
        let expected = try ServeProcess.output(of: [clip, "--format", "json"] + arguments, in: folder)
        #expect(!expected.isEmpty)
        try await ServerFixture.withServer { client in
            let form = HTTPClient.form(file: try ServerFixture.clip(clip), filename: clip)
            let reply = try await client.request(
                "POST", "/v1/classify" + (query.isEmpty ? "" : "?" + query), headers: [("Content-Type", form.contentType)],
                body: form.body)
            #expect(reply.status == 200)
            #expect(reply.text == String(decoding: expected, as: UTF8.self))
        }
    }

    /// `POST /v1/timeline` answers with exactly the bytes `vidclass timeline CLIP --format json` prints.
    @Test func timelineEqualsTheCommandLine() async throws {
        let folder = ServerFixture.packageRoot.appendingPathComponent("SampleClips")
        let arguments = ["--window", "3s", "--hop", "1500ms", "--frames-per-window", "4", "--top", "2"]
        let expected = try ServeProcess.output(of: ["timeline", "bikes.mp4", "--format", "json"] + arguments, in: folder)
        #expect(!expected.isEmpty)
        try await ServerFixture.withServer { client in
            let form = HTTPClient.form(file: try ServerFixture.clip("bikes.mp4"), filename: "bikes.mp4")
            let reply = try await client.request(
                "POST", "/v1/timeline?window=3s&hop=1500ms&frames-per-window=4&top=2", headers: [("Content-Type", form.contentType)],
                body: form.body)
            #expect(reply.status == 200)
            #expect(reply.text == String(decoding: expected, as: UTF8.self))
        }
    }

    /// SIGTERM while a request runs: that request still gets its 200, new connections are refused, and the
    /// process exits 0.
    @Test func sigtermFinishesTheRequestInFlightThenExitsZero() async throws {
        let server = try ServeProcess(["--max-concurrent", "1"])
        let client = HTTPClient(port: server.port)
        let clip = try ServerFixture.clip("bikes.mp4")
        async let slow = client.request("POST", "/v1/classify?frames=120", body: clip)
        try await client.waitForJobsInFlight(1)
        server.terminate()
        let reply = try await slow
        #expect(reply.status == 200)
        #expect((reply.json["predictions"] as? [Any])?.count == 5)
        let status = await Task.detached { server.waitForExit(timeout: 30) }.value
        #expect(status == 0)
        #expect(throws: (any Error).self) { try client.send("GET", "/healthz", timeout: 2) }
    }
}
