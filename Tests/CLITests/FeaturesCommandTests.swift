import Foundation
import Testing

/// `vidclass features`: embeddings in files NumPy and safetensors readers understand, served from the cache the
/// second time.
@Suite("features command")
struct FeaturesCommandTests {
    let folder: URL

    init() throws {
        folder = try CommandRunner.temporaryFolder()
    }

    /// The `shape` field of a .npy header, e.g. "(2, 1280)".
    private func npyShape(_ path: String) throws -> String? {
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).prefix(128), as: UTF8.self)
        guard let range = header.range(of: "'shape': (") else { return nil }
        return "(" + header[range.upperBound...].prefix { $0 != ")" } + ")"
    }

    @Test func perVideoAndPerFrameArraysAndASecondRunFromTheCache() throws {
        let clips = [CommandRunner.sampleClip("bikes.mp4"), CommandRunner.sampleClip("flipping_a_pancake.mkv")]
        let cache = folder.appendingPathComponent("cache").path
        let npy = folder.appendingPathComponent("video.npy").path
        let first = try CommandRunner.run(["features"] + clips + ["--frames", "2", "--out", npy, "--cache", cache])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.text.contains("2 x 1280 float32 (0 of 2 from the cache)"), "\(first.text)")
        #expect(try npyShape(npy) == "(2, 1280)")

        let frames = folder.appendingPathComponent("frames.npy").path
        let second = try CommandRunner.run(["features"] + clips + ["--frames", "2", "--per-frame", "--out", frames, "--cache", cache])
        #expect(second.text.contains("2 x 2 x 1280 float32 (2 of 2 from the cache)"), "\(second.text)")
        #expect(try npyShape(frames) == "(2, 2, 1280)")

        let again = try CommandRunner.run(["features"] + clips + ["--frames", "2", "--out", npy, "--cache", cache])
        #expect(again.status == 73)

        let tensors = folder.appendingPathComponent("video.safetensors").path
        let stored = try CommandRunner.run(["features", clips[0], "--frames", "2", "--out", tensors, "--no-cache"])
        #expect(stored.text.contains("1 x 1280 float32 (0 of 1 from the cache)"))
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: tensors)).prefix(400), as: UTF8.self)
        #expect(header.contains("\"features\":{\"dtype\":\"F32\",\"shape\":[1,1280]"))
        #expect(header.contains("bikes.mp4"))
    }

    @Test func anUnreadableInputNamesItselfAndWritesNothing() throws {
        let bogus = folder.appendingPathComponent("bogus.mp4")
        try Data("no video here".utf8).write(to: bogus)
        let out = folder.appendingPathComponent("out.npy").path
        let outcome = try CommandRunner.run(["features", bogus.path, "--out", out, "--no-cache"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.hasPrefix("vidclass: \(bogus.path) "))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func anUnreadableInputAmongGoodOnesIsLeftOutAndTheOthersAreWritten() throws {
        let bogus = folder.appendingPathComponent("bogus.mp4")
        try Data("no video here".utf8).write(to: bogus)
        let out = folder.appendingPathComponent("some.safetensors").path
        let clips = [CommandRunner.sampleClip("bikes.mp4"), bogus.path, CommandRunner.sampleClip("flipping_a_pancake.mkv")]
        let outcome = try CommandRunner.run(["features"] + clips + ["--frames", "2", "--out", out, "--no-cache"])
        #expect(outcome.status == 69)
        #expect(outcome.standardError.contains("vidclass: \(bogus.path) "))
        #expect(outcome.standardError.contains("1 of 3 inputs could not be read"))
        let file = try Data(contentsOf: URL(fileURLWithPath: out))
        let length = file.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try #require(try JSONSerialization.jsonObject(with: file.subdata(in: 8..<8 + length)) as? [String: Any])
        let tensor = try #require(header["features"] as? [String: Any])
        #expect(tensor["shape"] as? [Int] == [2, 1280])
        let metadata = try #require(header["__metadata__"] as? [String: String])
        let embedded = try #require(metadata["vidclass"])
        let sidecar = try #require(try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? [String: Any])
        #expect(sidecar["rows"] as? [String] == [clips[0], clips[2]])
        let leftOut = try #require(sidecar["left_out"] as? [[String: String]])
        #expect(leftOut.map { $0["input"] } == [bogus.path])
    }

    /// A `.npy` cannot carry metadata, so its sidecar `NAME.npy.json` says what each row is and how it was made.
    @Test func anArrayFileHasASidecarNamingItsRowsTheModelAndTheOptions() throws {
        let bogus = folder.appendingPathComponent("bogus.mp4")
        try Data("no video here".utf8).write(to: bogus)
        let clips = [CommandRunner.sampleClip("flipping_a_pancake.mkv"), bogus.path]
        let out = folder.appendingPathComponent("frames.npy").path
        let outcome = try CommandRunner.run(["features"] + clips + ["--frames", "2", "--per-frame", "--out", out, "--no-cache"])
        #expect(outcome.status == 69)
        let sidecar = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + ".json"))) as? [String: Any])
        #expect(sidecar["rows"] as? [String] == [clips[0]])
        #expect(sidecar["shape"] as? [Int] == [1, 2, 1280])
        #expect(sidecar["per_frame"] as? Bool == true)
        let leftOut = try #require(sidecar["left_out"] as? [[String: String]])
        #expect(leftOut.first?["input"] == bogus.path && leftOut.first?["error"]?.isEmpty == false)
        let run = try #require(sidecar["run"] as? [String: Any])
        let model = try #require(run["model"] as? [String: String])
        #expect(model["sha256"]?.count == 64)
        let options = try #require(run["options"] as? [String: Any])
        #expect(options["sampling"] as? String == "uniform" && options["frames"] as? Int == 2)
        #expect(options["pooling"] == nil, "per-frame features are not pooled")
        // The sidecar is an output like the array: never replaced without --force.
        try FileManager.default.removeItem(atPath: out)
        let again = try CommandRunner.run(["features", clips[0], "--frames", "2", "--out", out, "--no-cache"])
        #expect(again.status == 73)
        #expect(again.standardError.contains("\(out).json already exists"))
    }
}
