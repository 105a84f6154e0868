import Foundation
import Testing

/// Bad input gets one clear sentence on standard error and a sysexits code; never a crash, hang or stack trace.
@Suite("bad input")
struct BadInputTests {
    /// Checks the exit code and that standard error is one `vidclass:` line (no trace, no FFmpeg chatter).
    private func expectFailure(_ arguments: [String], input: Data? = nil, status: Int32, mentioning words: [String] = []) throws {
        let outcome = try CommandRunner.run(arguments, input: input, timeout: 60)
        #expect(outcome.status == status, "\(arguments): \(outcome.standardError)")
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(outcome.standardError)")
        #expect(lines.first?.hasPrefix("vidclass: ") == true || lines.first?.hasPrefix("Error: ") == true)
        for word in words {
            #expect(outcome.standardError.localizedCaseInsensitiveContains(word), "\(outcome.standardError) lacks \(word)")
        }
    }

    private func scratch(_ name: String, _ bytes: Data) throws -> (URL, String) {
        let folder = try CommandRunner.temporaryFolder()
        let file = folder.appendingPathComponent(name)
        try bytes.write(to: file)
        return (folder, file.path)
    }

    @Test func missingFile() throws {
        try expectFailure(["/no/such/clip.mp4"], status: 66, mentioning: ["/no/such/clip.mp4"])
    }

    @Test func directory() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectFailure([folder.path], status: 66, mentioning: ["directory"])
    }

    @Test func emptyFile() throws {
        let (folder, path) = try scratch("empty.mp4", Data())
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectFailure([path], status: 65, mentioning: ["empty"])
    }

    @Test func garbageAndTextNamedMP4() throws {
        let (folder, garbage) = try scratch("garbage.mp4", Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }))
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectFailure([garbage], status: 65)
        let text = folder.appendingPathComponent("notes.mp4")
        try Data("These are my holiday notes, not a video.\n".utf8).write(to: text)
        try expectFailure([text.path], status: 65)
    }

    @Test func truncatedFile() throws {
        let clip = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.sampleClip("cleaning_a_pool.mp4")))
        let (folder, path) = try scratch("truncated.mp4", clip.prefix(clip.count / 3))
        defer { try? FileManager.default.removeItem(at: folder) }
        try expectFailure([path], status: 65)
    }

    @Test func audioOnlyFile() throws {
        try expectFailure([CommandRunner.fixture("audio_only.m4a")], status: 65, mentioning: ["video"])
    }

    @Test func moovAtEndPastThePipeBufferSaysWhatToDo() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture("moov_at_end.mp4")))
        try expectFailure(["-", "--pipe-buffer", "4K"], input: bytes, status: 65, mentioning: ["matroska", "4 KiB pipe buffer"])
    }

    @Test func pipeThatEndsEarly() throws {
        let clip = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.sampleClip("flipping_a_pancake.mkv")))
        let outcome = try CommandRunner.run(["-", "--frames", "4"], input: clip.prefix(2000), timeout: 60)
        #expect([65, 74].contains(outcome.status), "\(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }

    @Test func absurdArguments() throws {
        let clip = CommandRunner.sampleClip("flipping_a_pancake.mkv")
        for arguments in [[clip, "--frames", "0"], [clip, "--frames", "99999999"], [clip, "--top", "0"],
                          [clip, "--stride", "-3", "--sampling", "stride"], [clip, "--sampling", "sideways"],
                          [clip, "--pool", "median"], ["frames", clip, "--indices", "1,x", "--out", "-"]] {
            let outcome = try CommandRunner.run(arguments, timeout: 30)
            #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
            #expect(!outcome.standardError.isEmpty)
        }
    }

    @Test func strideClipTooLongWithErrorPolicy() throws {
        let clip = CommandRunner.sampleClip("flipping_a_pancake.mkv")
        let outcome = try CommandRunner.run([clip, "--sampling", "stride", "--stride", "50", "--out-of-range", "error"])
        #expect(outcome.status == 64, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("310"))
    }

    @Test func badModelFiles() throws {
        let clip = CommandRunner.sampleClip("flipping_a_pancake.mkv")
        try expectFailure([clip, "--model", "/no/such/model.safetensors"], status: 66)
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.packageRoot.appendingPathComponent("Models/efficientnet-lite0-imagenet.safetensors").path))
        let truncated = folder.appendingPathComponent("truncated.safetensors")
        try model.prefix(model.count / 2).write(to: truncated)
        try expectFailure([clip, "--model", truncated.path], status: 65)
        let notSafetensors = folder.appendingPathComponent("notes.safetensors")
        try Data("not a model".utf8).write(to: notSafetensors)
        try expectFailure([clip, "--model", notSafetensors.path], status: 65)
        let wrongArchitecture = folder.appendingPathComponent("wrong-arch.safetensors")
        try Self.replacing(in: model, #""backbone":"efficientnet-lite0""#, with: #""backbone":"mobilenet-v2      ""#).write(to: wrongArchitecture)
        try expectFailure([clip, "--model", wrongArchitecture.path], status: 65, mentioning: ["mobilenet-v2"])
        let wrongShapes = folder.appendingPathComponent("wrong-shapes.safetensors")
        try Self.replacing(in: model, #""shape":[1000,1280]"#, with: #""shape":[1280,1000]"#).write(to: wrongShapes)
        try expectFailure([clip, "--model", wrongShapes.path], status: 65, mentioning: ["head.classifier.weight"])
    }

    /// The bundle's header is JSON: swapping equal-length text keeps every offset valid.
    private static func replacing(in data: Data, _ old: String, with new: String) throws -> Data {
        try #require(old.utf8.count == new.utf8.count)
        let range = try #require(data.range(of: Data(old.utf8)), "\(old) not in the bundle header")
        var copy = data
        copy.replaceSubrange(range, with: Data(new.utf8))
        return copy
    }
}
