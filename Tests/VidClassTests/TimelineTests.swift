import Testing

@testable import VidClass

/// Timeline windows and their shared frame grid, and the subtitle formats, without decoding anything.
@Suite("timeline maths and formats")
struct TimelineTests {
    /// 10 s at 25 fps.
    let timestamps = (0..<250).map { Double($0) / 25 }

    @Test func overlappingWindowsShareTheirFrames() {
        let grid = TimelineGrid(timestamps: timestamps, duration: 10, window: 2, hop: 1, frames: 8)
        #expect(grid.windows.count == 10)
        #expect(grid.windows[0].frames == [4, 10, 16, 22, 29, 35, 41, 47])  // first frames at or after (j + ½)·0.25 s
        // Window k+1 reuses the last half of window k: 10 s / 0.25 s spacing = 40 distinct frames, not 80.
        #expect(Array(grid.windows[1].frames.prefix(4)) == Array(grid.windows[0].frames.suffix(4)))
        #expect(Set(grid.windows.flatMap(\.frames)).count == 40)
        #expect(grid.windows.last!.start == 9 && grid.windows.last!.end == 10 && grid.windows.last!.frames.count == 4)
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
