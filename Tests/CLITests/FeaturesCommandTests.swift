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
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)).prefix(400), as: UTF8.self)
        #expect(header.contains("\"shape\":[2,1280]"))
        #expect(header.contains("bikes.mp4") && header.contains("flipping_a_pancake.mkv") && !header.contains("bogus"))
    }
}
