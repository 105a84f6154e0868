import Foundation

/// The text forms of a ``Timeline``: one line per window, JSON, CSV, or subtitles (SRT, WebVTT) that show the
/// top label while the video plays, one cue per ``TimelineSegment`` so that no two cues overlap.
///
/// ```swift
/// let srt = TimelineFormat.srt.render(timeline)   // "1\n00:00:00,000 --> 00:00:02,000\npotter's wheel 0.91\n\n2…"
/// ```
public enum TimelineFormat: String, Sendable, CaseIterable {
    case text, json, csv, srt, vtt

    /// The whole document, ending in a newline.
    public func render(_ timeline: Timeline) -> String {
        switch self {
        case .text:
            let heading = timeline.run.map { ["\(timeline.input): \($0.summary)"] } ?? []
            return (heading + timeline.windows.map { window in
                let labels = window.predictions.map { "\($0.label) \(String(format: "%.3f", $0.probability))" }
                return "\(String(format: "%8.2f", window.start)) – \(String(format: "%8.2f", window.end)) s  \(labels.joined(separator: ", "))"
                    + (window.cutShort ? "  (cut short by the end of the video)" : "")
            }).joined(separator: "\n") + "\n"
        case .json:
            return JSONRecord.text(timeline, pretty: true) + "\n"
        case .csv:
            let rows = timeline.windows.flatMap { window in
                window.predictions.enumerated().map { rank, prediction in
                    "\(window.start),\(window.end),\(rank + 1),\(Self.csvField(prediction.label)),\(prediction.classIndex),\(prediction.probability)"
                }
            }
            return (["start,end,rank,label,class,probability"] + rows).joined(separator: "\n") + "\n"
        case .srt, .vtt:
            let cues = TimelineSegment.segments(of: timeline).enumerated().map { number, segment in
                let label = segment.predictions.map { "\($0.label) \(String(format: "%.2f", $0.probability))" }.joined(separator: "\n")
                let times = "\(cueTime(segment.start)) --> \(cueTime(segment.end))"
                return self == .srt ? "\(number + 1)\n\(times)\n\(label)\n" : "\(times)\n\(label)\n"
            }
            let note = timeline.run.map { "NOTE \($0.summary)\n\n" } ?? ""
            return (self == .vtt ? "WEBVTT\n\n" + note : "") + cues.joined(separator: "\n")
        }
    }

    /// `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT).
    func cueTime(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        let (hours, minutes) = (milliseconds / 3_600_000, milliseconds / 60_000 % 60)
        let (wholeSeconds, fraction) = (milliseconds / 1000 % 60, milliseconds % 1000)
        let clock = String(format: "%02d:%02d:%02d", hours, minutes, wholeSeconds)
        return clock + (self == .srt ? "," : ".") + String(format: "%03d", fraction)
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
