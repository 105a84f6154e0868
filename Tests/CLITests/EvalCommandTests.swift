import Foundation
import Testing
import VidClass

/// `vidclass eval` gives the answers `vidclass classify` gives, and says how it got them: a head trained on
/// 2 frames of the real-content dataset (``DatasetFixture``), evaluated on its 9 held-out clips.
@Suite("eval agrees with classify and explains itself")
struct EvalCommandTests {
    /// A mean-pooled head trained on 2 uniform frames per clip (so the model's frames differ from the built-in
    /// model's 16: a task that ignored the bundle would sample differently), and its own feature cache.
    private static let trained = Result { () throws -> (model: String, cache: String) in
        let data = try DatasetFixture.folders()
        let folder = try CommandRunner.temporaryFolder()
        let model = folder.appendingPathComponent("head.safetensors").path
        let cache = folder.appendingPathComponent("cache").path
        let outcome = try CommandRunner.run([
            "train", data.train.path, "--val", data.val.path, "--frames", "2", "--sampling", "uniform", "--pool", "mean",
            "--out", model, "--cache", cache,
        ])
        guard outcome.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "train failed: \(outcome.standardError)"])
        }
        return (model, cache)
    }

    private func evalJSON(_ extra: [String] = []) throws -> [String: Any] {
        let (model, cache) = try Self.trained.get()
        let data = try DatasetFixture.folders()
        let outcome = try CommandRunner.run(["eval", data.val.path, "--model", model, "--cache", cache, "--format", "json"] + extra)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
    }

    @Test func everyEvaluatedClipHasTheLabelAndProbabilitiesClassifyGivesIt() throws {
        let model = try Self.trained.get().model
        let clips = try #require(try evalJSON()["perClip"] as? [[String: Any]])
        #expect(clips.count == 9)
        for clip in clips {
            let input = try #require(clip["input"] as? String)
            let outcome = try CommandRunner.run([input, "--model", model, "--format", "json"])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let classified = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
            // classify samples as the model was trained, as eval does: 2 uniform frames, not the built-in 16.
            #expect(classified["sampling"] as? String == "uniform 2")
            let predictions = try #require(classified["predictions"] as? [[String: Any]])
            let top = try #require(clip["top"] as? [[String: Any]])
            #expect(predictions.count == 3 && top.count == 3)
            #expect(predictions.first?["label"] as? String == clip["predicted"] as? String, "\(input)")
            for (theirs, ours) in zip(predictions, top) {
                #expect(theirs["label"] as? String == ours["label"] as? String)
                let (p, q) = (try #require(theirs["probability"] as? Double), try #require(ours["probability"] as? Double))
                #expect(abs(p - q) <= 1e-5, "\(input): classify says \(p), eval \(q) for \(ours["label"] ?? "")")
            }
            let truth = try #require(clip["label"] as? String)
            let truthProbability = try #require(predictions.first { $0["label"] as? String == truth }?["probability"] as? Double)
            #expect(abs(truthProbability - (clip["labelProbability"] as? Double ?? -1)) <= 1e-5)
        }
    }

    @Test func sampledAsToldEvalStillAgreesWithClassifyToldTheSame() throws {
        let model = try Self.trained.get().model
        let told = ["--frames", "3", "--sampling", "random", "--seed", "7"]
        let clips = try #require(try evalJSON(told)["perClip"] as? [[String: Any]])
        // Random draws too: eval seeds every clip as classify does, not per clip as training does.
        for clip in clips.prefix(3) {
            let input = try #require(clip["input"] as? String)
            let outcome = try CommandRunner.run([input, "--model", model, "--format", "json"] + told)
            let classified = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
            #expect(classified["sampling"] as? String == "random 3 (seed 7)")
            let top = try #require((classified["predictions"] as? [[String: Any]])?.first)
            #expect(top["label"] as? String == clip["predicted"] as? String)
            let (p, q) = (try #require(top["probability"] as? Double), try #require(clip["probability"] as? Double))
            #expect(abs(p - q) <= 1e-5, "\(input): classify says \(p), eval \(q)")
        }
    }

    @Test func theJSONReportNamesTheVersionTheModelAndTheOptions() throws {
        let model = try Self.trained.get().model
        let report = try evalJSON()
        let run = try #require(report["vidclass"] as? [String: Any])
        #expect(run["version"] as? String == VidClassVersion.current)
        let named = try #require(run["model"] as? [String: Any])
        #expect(named["name"] as? String == "head.safetensors")
        #expect(named["sha256"] as? String == (try ModelBundle(contentsOf: model).fileDigest()))
        let options = try #require(run["options"] as? [String: Any])
        #expect(options["sampling"] as? String == "uniform")
        #expect(options["frames"] as? Int == 2)
        #expect(options["seek"] as? String == "exact")
        #expect(options["pooling"] as? String == "mean")
        // Three classes: top-5 accuracy would always be 100 %, so it is left out.
        #expect(report["top5Accuracy"] == nil)
        #expect(report["accuracy"] as? Double != nil)

        // An option given on the command line is the one used, and the report says so.
        let asked = try #require(try evalJSON(["--frames", "3", "--seek", "keyframe"])["vidclass"] as? [String: Any])
        let changed = try #require(asked["options"] as? [String: Any])
        #expect(changed["frames"] as? Int == 3 && changed["seek"] as? String == "keyframe")
    }

    @Test func theTextReportStartsWithTheRunAndListsClipsOnlyWhenAsked() throws {
        let (model, cache) = try Self.trained.get()
        let data = try DatasetFixture.folders()
        let plain = try CommandRunner.run(["eval", data.val.path, "--model", model, "--cache", cache])
        #expect(plain.status == 0, "\(plain.standardError)")
        let digest = try ModelBundle(contentsOf: model).fileDigest()
        let lines = plain.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.first == "vidclass \(VidClassVersion.current), model head.safetensors (sha256 \(digest.prefix(12))…), sampling uniform 2, seek exact, pooling mean",
            "\(plain.text)")
        #expect(lines.dropFirst().first?.hasPrefix("9 clips: accuracy ") == true)
        #expect(!plain.text.contains("top-5"))
        #expect(!plain.text.contains("per clip"))

        let listed = try CommandRunner.run(["eval", data.val.path, "--model", model, "--cache", cache, "--per-clip"])
        #expect(listed.status == 0)
        #expect(listed.text.hasPrefix(plain.text), "the per-clip lines come after the usual report")
        let clipLines = listed.text.split(separator: "\n").filter { $0.hasSuffix(".mp4") }
        #expect(clipLines.count == 9)
        for line in clipLines {
            let fields = line.split(separator: " ")
            #expect(fields.first == "ok" || fields.first == "WRONG", "\(line)")
            // Right when the true and the predicted label agree.
            #expect((fields.first == "ok") == (fields[3] == fields[4]), "\(line)")
        }
    }

    @Test func thePlotIsAPNGTitledAndLabelled() throws {
        let (model, cache) = try Self.trained.get()
        let data = try DatasetFixture.folders()
        let plot = try CommandRunner.temporaryFolder().appendingPathComponent("confusion.png").path
        let outcome = try CommandRunner.run(["eval", data.val.path, "--model", model, "--cache", cache, "--plot", plot])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let png = try Data(contentsOf: URL(fileURLWithPath: plot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
        let (width, height) = (Self.bigEndian(png, at: 16), Self.bigEndian(png, at: 20))
        // Three 36-pixel cells, class names, axis labels and a title: wider and taller than the cells alone.
        #expect(width > 3 * 36 + 100 && height > 3 * 36 + 60, "\(width)x\(height)")
    }

    private static func bigEndian(_ data: Data, at offset: Int) -> Int {
        data.dropFirst(offset).prefix(4).reduce(0) { $0 << 8 | Int($1) }
    }
}
