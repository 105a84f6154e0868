import Foundation
import Testing

/// `vidclass train`, `eval` and `timeline` on a real-content dataset (``DatasetFixture``): three sample clips as
/// classes, 18 training and 9 held-out validation segments, T = 4 frames.
@Suite("train, eval and timeline on real clips")
struct TrainCommandTests {
    /// The feature cache: the first training run fills it, the later ones must only read it.
    let cache: URL
    let output: URL

    init() throws {
        cache = try CommandRunner.temporaryFolder()
        output = try CommandRunner.temporaryFolder()
    }

    private func train(_ pooling: String) throws -> (outcome: CommandRunner.Outcome, model: String) {
        let data = try DatasetFixture.folders()
        let model = output.appendingPathComponent("\(pooling).safetensors").path
        let outcome = try CommandRunner.run([
            "train", data.train.path, "--val", data.val.path, "--frames", "4", "--pool", pooling, "--out", model,
            "--cache", cache.path,
        ])
        return (outcome, model)
    }

    /// The number in `text` right after `prefix`, e.g. "validation accuracy " → 100.0.
    private func number(after prefix: String, in text: String) -> Double? {
        guard let range = text.range(of: prefix) else { return nil }
        return Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    /// One test, because each step needs the previous one's output: the cache filled by the first run, the
    /// trained heads for eval, the attention head for the timeline.
    @Test func everyPoolingLearnsTheClassesEvalAgreesTheCacheServesLaterRunsAndTheTimelineFollowsScenes() throws {
        let data = try DatasetFixture.folders()
        for (run, pooling) in ["mean", "max", "attention"].enumerated() {
            let (outcome, model) = try train(pooling)
            #expect(outcome.status == 0, "\(pooling): \(outcome.standardError)")
            #expect(outcome.text.contains("clips: 18 training, 9 validation, 0 skipped"))
            // The first run decodes every clip; later runs over the same data read all 27 from the cache.
            #expect(outcome.text.contains("; \(run == 0 ? 0 : 27) from the feature cache"), "\(outcome.text)")
            let trained = try #require(number(after: "validation accuracy ", in: outcome.text))
            #expect(trained >= 90, "\(pooling) reached only \(trained)% on held-out segments")
            // In a pipe, progress is one JSON object per epoch on standard error.
            let epochs = outcome.standardError.split(separator: "\n").filter { $0.hasPrefix("{\"epoch\":") }
            #expect(!epochs.isEmpty && epochs.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })

            let evaluation = try CommandRunner.run(["eval", data.val.path, "--model", model, "--cache", cache.path, "--format", "json"])
            #expect(evaluation.status == 0, "\(evaluation.standardError)")
            let report = try #require(try JSONSerialization.jsonObject(with: evaluation.standardOutput) as? [String: Any])
            let accuracy = try #require(report["accuracy"] as? Double)
            #expect(abs(accuracy * 100 - trained) < 0.05, "eval says \(accuracy), train said \(trained)%")
            #expect(report["clips"] as? Int == 9)
            #expect((report["confusion"] as? [[Int]])?.map { $0.reduce(0, +) } == [3, 3, 3])
        }
        try classifyAndTimeline(model: output.appendingPathComponent("attention.safetensors").path)
    }

    /// A trained head classifies with `--model` and draws a timeline whose labels change at the scene boundaries.
    private func classifyAndTimeline(model: String) throws {
        let data = try DatasetFixture.folders()
        let classified = try CommandRunner.run([data.val.appendingPathComponent("pancake/pancake-seg07.mp4").path, "--model", model, "--frames", "4"])
        #expect(classified.status == 0)
        #expect(classified.text.split(separator: "\n").dropFirst().first?.hasSuffix("pancake") == true, "\(classified.text)")

        let outcome = try CommandRunner.run([
            "timeline", data.longClip.path, "--model", model, "--window", "1s", "--hop", "500ms", "--frames-per-window", "4",
            "--format", "json",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let timeline = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        let windows = try #require(timeline["windows"] as? [[String: Any]])
        #expect(windows.count == 17, "9 s in 1 s windows every 0.5 s: [8.5, 9) would repeat the end of [8, 9)")
        for window in windows {
            let (start, end) = (window["start"] as! Double, window["end"] as! Double)
            let label = ((window["predictions"] as! [[String: Any]])[0]["label"] as! String)
            // Windows inside one scene carry its label; only windows straddling a boundary may hesitate.
            if let scene = (0..<3).first(where: { start >= Double($0) * 3 && end <= Double($0 + 1) * 3 }) {
                #expect(label == DatasetFixture.labels[scene], "window \(start)–\(end) s says \(label)")
            }
        }
        // Overlapping windows share frames: every frame goes through the backbone once, not once per window.
        let distinct = try #require(timeline["distinctFrames"] as? Int)
        #expect(timeline["backboneFrames"] as? Int == distinct)
        let used = Set(windows.flatMap { $0["frames"] as! [Int] })
        #expect(used.count == distinct)
        #expect(distinct < windows.count * 4)

        let subtitles = try CommandRunner.run([
            "timeline", data.longClip.path, "--model", model, "--window", "3s", "--hop", "3s", "--frames-per-window", "4",
            "--format", "srt",
        ])
        #expect(subtitles.text.hasPrefix("1\n00:00:00,000 --> 00:00:03,000\nbikes "), "\(subtitles.text)")
        #expect(subtitles.text.contains("3\n00:00:06,000 --> 00:00:09,000\npancake "))
    }
}
