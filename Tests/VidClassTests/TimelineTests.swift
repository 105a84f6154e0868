import Testing

@testable import VidClass

/// Timeline windows and their shared frame grid, and the subtitle formats, without decoding anything.
@Suite("timeline maths and formats")
struct TimelineTests {
    /// 10 s at 25 fps.
    let timestamps = (0..<250).map { Double($0) / 25 }

    @Test func overlappingWindowsShareTheirFrames() {
        let grid = TimelineGrid(timestamps: timestamps, duration: 10, window: 2, hop: 1, frames: 8)
        #expect(grid.windows.count == 9, "[9, 10) would only repeat the end of [8, 10)")
        #expect(grid.windows[0].frames == [4, 10, 16, 22, 29, 35, 41, 47])  // first frames at or after (j + ½)·0.25 s
        // Window k+1 reuses the last half of window k: 10 s / 0.25 s spacing = 40 distinct frames, not 80.
        #expect(Array(grid.windows[1].frames.prefix(4)) == Array(grid.windows[0].frames.suffix(4)))
        #expect(Set(grid.windows.flatMap(\.frames)).count == 40)
        #expect(grid.windows.last!.start == 8 && grid.windows.last!.end == 10 && !grid.windows.last!.cutShort)
    }

    @Test func aTailWindowIsKeptAndFlaggedOnlyWhenItReachesNewTime() {
        // Window 3 s, hop 2 s over 10 s: [8, 10) reaches past [6, 9): kept, cut short; nothing starts after it.
        let grid = TimelineGrid(timestamps: timestamps, duration: 10, window: 3, hop: 2, frames: 6)
        #expect(grid.windows.map(\.start) == [0, 2, 4, 6, 8])
        #expect(grid.windows.map(\.cutShort) == [false, false, false, false, true])
        #expect(grid.windows.last!.end == 10 && grid.windows.last!.frames.count == 4)
        // A window longer than the video: one window, cut short.
        let long = TimelineGrid(timestamps: timestamps, duration: 10, window: 30, hop: 5, frames: 6)
        #expect(long.windows.count == 1 && long.windows[0].cutShort && long.windows[0].end == 10)
    }

    @Test func subtitleCuesMergeRunsAndNeverOverlap() {
        func window(_ start: Double, _ labels: [(String, Int, Float)]) -> Timeline.Window {
            .init(start: start, end: min(start + 2, 5), frames: [], predictions: labels.map { Prediction(label: $0.0, classIndex: $0.1, probability: $0.2) })
        }
        let timeline = Timeline(
            input: "x", duration: 5, window: 2, hop: 1, framesPerWindow: 1, pooling: "mean",
            windows: [
                window(0, [("pool", 0, 0.8), ("bike", 1, 0.1)]), window(1, [("pool", 0, 0.6), ("cat", 2, 0.3)]),
                window(2, [("bike", 1, 0.9), ("pool", 0, 0.05)]), window(3, [("bike", 1, 0.7), ("pool", 0, 0.25)]),
            ],
            distinctFrames: 4, backboneFrames: 4)
        let segments = TimelineSegment.segments(of: timeline)
        #expect(segments.map(\.start) == [0, 2] && segments.map(\.end) == [2, 5])
        #expect(segments[0].predictions.map(\.label) == ["pool", "cat"])
        #expect(abs(segments[0].predictions[0].probability - 0.7) < 1e-6 && abs(segments[0].predictions[1].probability - 0.15) < 1e-6)
        #expect(segments[1].predictions.map(\.label) == ["bike", "pool"])
        #expect(TimelineFormat.vtt.render(timeline) == "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\npool 0.70\ncat 0.15\n\n00:00:02.000 --> 00:00:05.000\nbike 0.80\npool 0.15\n")
    }

    @Test func everyWindowStaysInsideItsTimes() {
        for (window, hop, frames) in [(2.0, 1.0, 8), (1.0, 0.3, 3), (3.0, 3.0, 1), (20.0, 5.0, 4)] {
            let grid = TimelineGrid(timestamps: timestamps, duration: 10, window: window, hop: hop, frames: frames)
            for entry in grid.windows {
                #expect(!entry.frames.isEmpty && entry.frames.count <= frames)
                #expect(entry.frames.allSatisfy { timestamps[$0] >= entry.start - 0.04 && timestamps[$0] < entry.end + 0.04 })
            }
        }
    }

    @Test func subtitleTimes() {
        #expect(TimelineFormat.srt.cueTime(3723.5) == "01:02:03,500")
        #expect(TimelineFormat.vtt.cueTime(0.25) == "00:00:00.250")
        let timeline = Timeline(
            input: "x", duration: 2, window: 1, hop: 1, framesPerWindow: 1, pooling: "mean",
            windows: [
                .init(start: 0, end: 1, frames: [0], predictions: [Prediction(label: "cat", classIndex: 0, probability: 0.9)]),
                .init(start: 1, end: 2, frames: [25], predictions: [Prediction(label: "a, b", classIndex: 1, probability: 0.5)]),
            ],
            distinctFrames: 2, backboneFrames: 2)
        #expect(TimelineFormat.vtt.render(timeline) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\ncat 0.90\n\n00:00:01.000 --> 00:00:02.000\na, b 0.50\n")
        #expect(TimelineFormat.srt.render(timeline).hasPrefix("1\n00:00:00,000 --> 00:00:01,000\ncat 0.90\n\n2\n"))
        #expect(TimelineFormat.csv.render(timeline).contains("\n1.0,2.0,1,\"a, b\",1,0.5\n"))
    }
}
