import Foundation
import Testing

/// `… | vidclass -`: a pipe gives the answer the file gives; a stream past `--pipe-buffer` says its sampling is
/// approximate; the program writing into vidclass is never cut off.
@Suite("pipes")
struct PipeCommandTests {
    let pancake = CommandRunner.sampleClip("flipping_a_pancake.mkv")

    /// The JSON object `outcome` printed.
    private func record(_ outcome: CommandRunner.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
    }

    /// The sample clip (Matroska), a moov-at-end MP4 as `cat` sends it, an XviD AVI and a VP9 WebM.
    static let pipedFiles = [
        "flipping_a_pancake.mkv", "moov_at_end.mp4", "VideoDecodingTests/mmaction2_tests_test.avi",
        "VideoDecodingTests/moviepy_no_duration.webm",
    ]

    private func path(of name: String) -> String {
        if name == "flipping_a_pancake.mkv" { return pancake }
        let parts = name.split(separator: "/")
        guard parts.count == 2 else { return CommandRunner.fixture(name) }
        return CommandRunner.packageRoot.appendingPathComponent("Tests/\(parts[0])/Fixtures/\(parts[1])").path
    }

    @Test(arguments: pipedFiles)
    func pipeGivesTheFilesAnswer(name: String) throws {
        let path = path(of: name)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let fromFile = try record(CommandRunner.run([path, "--format", "json"]))
        let piped = try CommandRunner.run(["-", "--format", "json"], input: bytes)
        #expect(piped.status == 0, "\(piped.standardError)")
        let fromPipe = try record(piped)
        let indices = { (object: [String: Any]) in (object["frames"] as? [[String: Any]])?.compactMap { $0["index"] as? Int } }
        #expect(indices(fromFile)?.count == 16)
        #expect(indices(fromFile) == indices(fromPipe))
        let video = { (object: [String: Any]) in object["video"] as? [String: Any] }
        #expect(video(fromFile)?["frameCount"] as? Int == video(fromPipe)?["frameCount"] as? Int)
        #expect(video(fromFile)?["duration"] as? Double == video(fromPipe)?["duration"] as? Double)
        #expect(fromPipe["approximate"] == nil)
        let predictions = { (object: [String: Any]) in
            (object["predictions"] as? [[String: Any]])?.compactMap { prediction in
                (prediction["classIndex"] as? Int).map { ($0, (prediction["probability"] as? NSNumber)?.doubleValue ?? -1) }
            } ?? []
        }
        #expect(predictions(fromFile).count == 5)
        #expect(predictions(fromFile).map(\.0) == predictions(fromPipe).map(\.0))
        for (a, b) in zip(predictions(fromFile), predictions(fromPipe)) {
            #expect(abs(a.1 - b.1) <= 1e-5)
        }
    }

    @Test func streamPastTheBufferSaysItsSamplingIsApproximate() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pancake))
        let piped = try CommandRunner.run(["-", "--format", "json", "--pipe-buffer", "64K"], input: bytes)
        #expect(piped.status == 0, "\(piped.standardError)")
        let note = try #require(try record(piped)["approximate"] as? String)
        #expect(note.contains("64 KiB pipe buffer"))
        let text = try CommandRunner.run(["-", "--pipe-buffer", "64K"], input: bytes)
        #expect(text.text.contains("approximate: "))
    }

    /// Runs `set -o pipefail; cat pancake | vidclass - OPTIONS` in the package root: the pipeline's exit status
    /// (non-zero when `cat` died of SIGPIPE) and what vidclass printed.
    private func catIntoVidclass(_ options: String) throws -> (status: Int32, printed: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -o pipefail; cat \"$1\" | \"$2\" - \(options)", "bash", pancake, CommandRunner.executable.path]
        process.currentDirectoryURL = CommandRunner.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    /// The producer keeps writing after vidclass has the 4 frames of its strided clip: vidclass reads the rest, so
    /// `cat` is not killed by SIGPIPE and the pipeline succeeds under `set -o pipefail`.
    @Test func producerIsNotCutOff() throws {
        let (status, printed) = try catIntoVidclass("--pipe-buffer 16K --sampling stride --frames 4 --format jsonl")
        #expect(status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: printed) as? [String: Any])
        #expect(object["approximate"] is String)
    }

    /// Kinetics-400 (a clip network) on a pipe sees the whole video as from the file, and the producer exits 0.
    @Test(.enabled(if: FileManager.default.fileExists(
        atPath: CommandRunner.packageRoot.appendingPathComponent("Models/i3d-kinetics400.safetensors").path)))
    func kineticsOnAPipeCountsTheWholeVideo() throws {
        let fromFile = try record(CommandRunner.run([pancake, "--model", "kinetics400", "--format", "json"]))
        let (status, printed) = try catIntoVidclass("--model kinetics400 --format json")
        #expect(status == 0)
        let fromPipe = try #require(try JSONSerialization.jsonObject(with: printed) as? [String: Any])
        let count = { (object: [String: Any]) in (object["video"] as? [String: Any])?["frameCount"] as? Int }
        #expect(count(fromPipe) == 310)
        #expect(count(fromFile) == count(fromPipe))
        let top = { (object: [String: Any]) in (object["predictions"] as? [[String: Any]])?.first?["label"] as? String }
        #expect(top(fromFile) == top(fromPipe))
    }

    @Test func pipeBufferSizesAreChecked() throws {
        let outcome = try CommandRunner.run(["-", "--pipe-buffer", "lots"], timeout: 30)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--pipe-buffer"))
    }

    /// Raw H.264 and GIF are found in folders and classified, from files and from a pipe alike.
    @Test func rawH264AndGIFAreVideos() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.h264", "b.gif"] {
            try DatasetFixture.ffmpeg([
                "-f", "lavfi", "-i", "testsrc=size=96x64:rate=10", "-t", "3", folder.appendingPathComponent(name).path,
            ])
        }
        let batch = try CommandRunner.run([folder.path, "--format", "jsonl", "--frames", "4"])
        #expect(batch.status == 0, "\(batch.standardError)")
        let lines = batch.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(!batch.text.contains("\"error\""))
        let raw = try Data(contentsOf: folder.appendingPathComponent("a.h264"))
        let piped = try CommandRunner.run(["-", "--format", "jsonl", "--frames", "4"], input: raw)
        #expect(piped.status == 0, "\(piped.standardError)")
        let fromFile = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let fromPipe = try record(piped)
        let summary = { (object: [String: Any]) in
            ((object["frames"] as? [[String: Any]])?.compactMap { $0["index"] as? Int } ?? [],
             (object["predictions"] as? [[String: Any]])?.compactMap { $0["classIndex"] as? Int } ?? [])
        }
        #expect(summary(fromFile).0 == [3, 11, 18, 26])
        #expect(summary(fromFile) == summary(fromPipe))
    }
}
