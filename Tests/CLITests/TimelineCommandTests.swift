import Foundation
import Testing

/// `vidclass timeline` on the edges of its windows: a window longer than the video, and subtitles whose cues
/// never overlap even when the windows do.
@Suite("timeline command")
struct TimelineCommandTests {
    private static let clip = CommandRunner.sampleClip("bikes.mp4")

    @Test("a window longer than the video: one window, flagged as cut short, and a warning on standard error")
    func windowLongerThanTheVideo() throws {
        let outcome = try CommandRunner.run(["timeline", Self.clip, "--window", "60s", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix("vidclass: warning: The window (60 s) is longer than the video (10 s)"), "\(outcome.standardError)")
        let timeline = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        let windows = try #require(timeline["windows"] as? [[String: Any]])
        #expect(windows.count == 1)
        #expect(windows.first?["cutShort"] as? Bool == true)
        #expect((timeline["warnings"] as? [String])?.count == 1)
        // The timeline names what made it: vidclass, the model by digest, and each window's sampling.
        let run = try #require(timeline["run"] as? [String: Any])
        #expect((run["model"] as? [String: String])?["sha256"]?.count == 64)
        let options = try #require(run["options"] as? [String: Any])
        #expect(options["sampling"] as? String == "uniform" && options["frames"] as? Int == 16 && options["seek"] as? String == "exact")
        let text = try CommandRunner.run(["timeline", Self.clip, "--window", "60s"])
        #expect(text.text.hasPrefix("\(Self.clip): vidclass "), "\(text.text)")
        #expect(text.text.split(separator: "\n").first?.contains("sampling uniform 16, seek exact, pooling mean") == true)
    }

    @Test("SRT cues from overlapping windows follow one another without overlapping")
    func subtitleCuesDoNotOverlap() throws {
        let outcome = try CommandRunner.run(["timeline", Self.clip, "--window", "4s", "--hop", "1s", "--format", "srt"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let times = outcome.text.split(separator: "\n").filter { $0.contains(" --> ") }.map { line in
            line.components(separatedBy: " --> ").map { stamp in
                let parts = stamp.split(whereSeparator: { ":,".contains($0) }).compactMap { Double($0) }
                return parts[0] * 3600 + parts[1] * 60 + parts[2] + parts[3] / 1000
            }
        }
        #expect(!times.isEmpty)
        #expect(times.first?.first == 0)
        #expect(abs((times.last?.last ?? 0) - 10) < 0.05, "the last cue ends with the video")
        for (cue, next) in zip(times, times.dropFirst()) {
            #expect(cue[0] < cue[1] && cue[1] == next[0], "\(cue) then \(next)")
        }
    }
}
