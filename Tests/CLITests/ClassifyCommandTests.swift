import Foundation
import Testing

/// `vidclass [classify]` end to end: the real decoder, the real default model, the real sample clips.
@Suite("classify command")
struct ClassifyCommandTests {
    let pancake = CommandRunner.sampleClip("flipping_a_pancake.mkv")

    @Test func textOutputListsTheTopFiveLabels() throws {
        let outcome = try CommandRunner.run([pancake])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let ranks = outcome.text.split(separator: "\n").filter { $0.contains("%") }
        #expect(ranks.count == 5)
        #expect(outcome.text.contains("potter's wheel"))
    }

    @Test func jsonCarriesSamplingAndPredictions() throws {
        let outcome = try CommandRunner.run([pancake, "--format", "json", "--frames", "8"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        let frames = try #require(object["frames"] as? [[String: Any]])
        #expect(frames.map { $0["index"] as? Int } == [19, 58, 96, 135, 174, 213, 251, 290])
        let predictions = try #require(object["predictions"] as? [[String: Any]])
        #expect(predictions.count == 5)
        let probabilities = predictions.compactMap { ($0["probability"] as? NSNumber)?.doubleValue }
        #expect(probabilities == probabilities.sorted(by: >))
        let video = try #require(object["video"] as? [String: Any])
        #expect(video["frameCount"] as? Int == 310)
    }

    /// `--clips K` spreads K strided clips from the first frame to the last (mmaction2 1.x's test-time spread:
    /// starts at round(k · (N − L) / (K − 1)), here L = 31 and N = 310), and the output says how much was seen.
    @Test func clipsSpreadOverTheVideoAndReportTheirCoverage() throws {
        let outcome = try CommandRunner.run([pancake, "--clips", "2", "--frames", "4", "--stride", "10", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        let frames = try #require(object["frames"] as? [[String: Any]])
        #expect(frames.map { $0["index"] as? Int } == [0, 10, 20, 30, 279, 289, 299, 309])
        #expect((object["coverage"] as? NSNumber)?.doubleValue == 0.2)
        let text = try CommandRunner.run([pancake, "--clips", "2", "--frames", "4", "--stride", "10"])
        #expect(text.text.contains("2 clips of stride 4x10 (loop) covering 20% of the video"))
        let mixed = try CommandRunner.run([pancake, "--clips", "2", "--sampling", "uniform"])
        #expect(mixed.status == 64)
        #expect(mixed.standardError.contains("--clips spreads strided clips"))
    }

    /// A stream longer than the pipe buffer cannot be scanned, so uniform sampling uses the container's duration
    /// as a hint and a decimating buffer; each frame is then within (N − 1)/(2T) frames of the exact one, and the
    /// labels agree. (Within the buffer a pipe gives exactly the file's answer: `PipeCommandTests`.)
    @Test func streamPastThePipeBufferAgreesWithThePath() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pancake))
        let fromPath = try CommandRunner.run([pancake, "--format", "jsonl"])
        let fromPipe = try CommandRunner.run(["-", "--format", "jsonl", "--pipe-buffer", "64K"], input: bytes)
        #expect(fromPipe.status == 0, "\(fromPipe.standardError)")
        let path = try #require(try JSONSerialization.jsonObject(with: fromPath.standardOutput) as? [String: Any])
        let pipe = try #require(try JSONSerialization.jsonObject(with: fromPipe.standardOutput) as? [String: Any])
        let labels = { (object: [String: Any]) in (object["predictions"] as? [[String: Any]])?.compactMap { $0["label"] as? String } }
        #expect(labels(path)?.first == labels(pipe)?.first)
        let indices = { (object: [String: Any]) in (object["frames"] as? [[String: Any]])?.compactMap { $0["index"] as? Int } ?? [] }
        #expect(indices(pipe).count == 16)
        for (exact, streamed) in zip(indices(path), indices(pipe)) {
            #expect(abs(exact - streamed) <= (310 - 1) / (2 * 16), "\(indices(path)) vs \(indices(pipe))")
        }
    }

    @Test func stridedClipFromAStreamEqualsTheFileWhenItStartsAtZero() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pancake))
        // L = 31 · 10 + 1 = 311 > 310 frames, so the clip starts at 0 on both and loops.
        let arguments = ["--sampling", "stride", "--frames", "32", "--stride", "10", "--format", "jsonl"]
        let fromPath = try CommandRunner.run([pancake] + arguments)
        let fromPipe = try CommandRunner.run(["-", "--pipe-buffer", "64K"] + arguments, input: bytes)
        #expect(fromPipe.status == 0, "\(fromPipe.standardError)")
        let path = try #require(try JSONSerialization.jsonObject(with: fromPath.standardOutput) as? [String: Any])
        let pipe = try #require(try JSONSerialization.jsonObject(with: fromPipe.standardOutput) as? [String: Any])
        let indices = { (object: [String: Any]) in (object["frames"] as? [[String: Any]])?.compactMap { $0["index"] as? Int } }
        #expect(indices(path) == indices(pipe))
        #expect(indices(path)?.last == 0)
        let labels = { (object: [String: Any]) in (object["predictions"] as? [[String: Any]])?.compactMap { $0["label"] as? String } }
        #expect(labels(path) == labels(pipe))
    }

    @Test func csvHasAHeaderAndOneRowPerRank() throws {
        let outcome = try CommandRunner.run([pancake, "--format", "csv", "--top", "3", "--frames", "4"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.text.split(separator: "\n")
        #expect(lines.first == "input,rank,label,class_index,probability,error")
        #expect(lines.count == 4)
    }

    @Test func aBatchReportsTheBadFileAndClassifiesTheOthers() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("garbage.mp4")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: garbage)
        let outcome = try CommandRunner.run([pancake, garbage.path, pancake, "--format", "jsonl", "--frames", "4"])
        #expect(outcome.status == 69)
        let records = outcome.text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(records.count == 3)
        #expect(records[0]["predictions"] != nil && records[2]["predictions"] != nil)
        let error = try #require(records[1]["error"] as? [String: Any])
        #expect(error["code"] as? String == "bad-data")
        #expect(outcome.standardError.contains("garbage.mp4"))
    }

    @Test func contactSheetIsAPNGAndIsNotOverwrittenWithoutForce() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheet = folder.appendingPathComponent("sheet.png").path
        let first = try CommandRunner.run([pancake, "--frames", "4", "--contact-sheet", sheet])
        #expect(first.status == 0, "\(first.standardError)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sheet))
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let again = try CommandRunner.run([pancake, "--frames", "4", "--contact-sheet", sheet])
        #expect(again.status == 73)
        #expect(try Data(contentsOf: URL(fileURLWithPath: sheet)) == bytes)
        let forced = try CommandRunner.run([pancake, "--frames", "4", "--contact-sheet", sheet, "--force"])
        #expect(forced.status == 0)
    }

    @Test func keyframeSeekingUsesKeyframesOnly() throws {
        let outcome = try CommandRunner.run([pancake, "--format", "json", "--seek", "keyframe", "--frames", "4"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let probe = try CommandRunner.run(["probe", pancake, "--count"])
        let info = try #require(try JSONSerialization.jsonObject(with: probe.standardOutput) as? [String: Any])
        let keyframes = Set(try #require(info["keyframes"] as? [Int]))
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        let used = try #require(object["frames"] as? [[String: Any]]).compactMap { $0["index"] as? Int }
        #expect(used.count == 4 && used.allSatisfy(keyframes.contains))
    }
}
