import Foundation
import Testing

@testable import VidClass

/// The evaluation report without video: top-5 only where it means something, per-clip results and lines, the
/// run it describes.
@Suite("evaluation report")
struct EvaluationReportTests {
    @Test func topFiveIsLeftOutForFiveClassesOrFewer() throws {
        let few = try SampleEvaluation.report(labels: ["a", "b", "c", "d", "e"])
        #expect(few.top5Accuracy == nil)
        #expect(!few.text.contains("top-5"))
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(few)) as? [String: Any])
        #expect(json["top5Accuracy"] == nil)

        let many = try SampleEvaluation.report(labels: ["a", "b", "c", "d", "e", "f"])
        #expect(many.top5Accuracy != nil)
        #expect(many.text.contains(", top-5 "))
    }

    @Test func theTextStartsWithTheRunAndListsEachClipWhenAsked() throws {
        let report = try SampleEvaluation.report(labels: ["cat", "dog", "owl"])
        let lines = report.text.split(separator: "\n")
        #expect(lines.first == "vidclass \(VidClassVersion.current), model mine.safetensors (sha256 abababababab…), sampling uniform 8, seek exact, pooling mean")
        #expect(!report.text.contains("clips/0.mp4"))
        let listed = report.text(perClip: true)
        for (index, clip) in report.perClip.enumerated() {
            let line = try #require(listed.split(separator: "\n").first { $0.hasSuffix("clips/\(index).mp4") })
            #expect(line.hasPrefix(clip.isCorrect ? "ok " : "WRONG "))
            #expect(line.contains(String(format: "%.3f", clip.probability)) && line.contains(String(format: "%.3f", clip.labelProbability)))
        }
    }

    @Test func eachClipResultIsItsMostProbableLabelAndTheTruthsProbability() throws {
        let report = try SampleEvaluation.report(labels: ["cat", "dog", "owl"])
        #expect(report.perClip.count == 6 && report.clips == 6)
        for clip in report.perClip {
            #expect(clip.top.count == 3 && clip.top[0].label == clip.predicted && clip.top[0].probability == clip.probability)
            #expect(clip.top.map(\.probability) == clip.top.map(\.probability).sorted(by: >))
            #expect(clip.top.first { $0.label == clip.label }?.probability == clip.labelProbability)
        }
        // The per-clip predictions are the confusion matrix, clip by clip.
        let correct = report.perClip.filter(\.isCorrect).count
        #expect(abs(Double(correct) / 6 - report.accuracy) < 1e-9)
        // The run travels with the JSON, under "vidclass", and comes back whole.
        let decoded = try JSONDecoder().decode(EvaluationReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }
}
