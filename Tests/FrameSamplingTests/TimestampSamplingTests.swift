import Testing

@testable import FrameSampling

@Suite("Timestamp sampling: every interval, nearest to given times")
struct TimestampSamplingTests {
    /// Presentation times of `count` frames at `fps`, as pts × time base would give them.
    private func constantRate(_ count: Int, fps: Double) -> [Double] {
        (0..<count).map { Double($0) / fps }
    }

    @Test("one frame per second at 30 fps: the frames at 0 s, 1 s and 2 s")
    func everySecond() throws {
        #expect(try FrameSampler.everyInterval(timestamps: constantRate(90, fps: 30), interval: 1) == [0, 30, 60])
    }

    @Test("the grid starts at the first timestamp and ends at the last, inclusive")
    func gridBounds() throws {
        let times = constantRate(91, fps: 30).map { $0 + 5 }   // 5 s … 8 s inclusive
        #expect(try FrameSampler.everyInterval(timestamps: times, interval: 1) == [0, 30, 60, 90])
        #expect(try FrameSampler.everyInterval(timestamps: [2.5], interval: 1) == [0])
    }

    @Test("a grid time between two frames takes the nearer one, ties to the earlier")
    func nearestWithinGrid() throws {
        // 4 fps, every 0.3 s: grid 0, 0.3, 0.6, 0.9; frames 0, 0.25, 0.5, 0.75, 1.0.
        #expect(try FrameSampler.everyInterval(timestamps: constantRate(5, fps: 4), interval: 0.3) == [0, 1, 2, 4])
        // every 0.125 s over frames 0.25 apart: grid 0, .125, .25, …, 1; ties (.125, .375, …) go earlier.
        #expect(
            try FrameSampler.everyInterval(timestamps: constantRate(5, fps: 4), interval: 0.125)
                == [0, 0, 1, 1, 2, 2, 3, 3, 4])
    }

    @Test("variable frame rate: picks follow the timestamps, not a nominal rate")
    func variableFrameRate() throws {
        // Grid 0, 1, 2, 3, 4: 1 s is 0.8 s after frame 2 and 0.9 s before frame 3; 3 s is nearer 2.1 than 4.05.
        let times = [0, 0.1, 0.2, 1.9, 2.0, 2.1, 4.05]
        #expect(try FrameSampler.everyInterval(timestamps: times, interval: 1) == [0, 2, 4, 5, 6])
    }

    @Test("nearest: requested order, ties earlier, outside times clamp to the ends")
    func nearestTimes() throws {
        let times = [0, 0.5, 1, 1.5]
        #expect(try FrameSampler.nearest(timestamps: times, to: [0.7, 0.25, 9, -1, 1.5]) == [1, 0, 3, 0, 3])
        #expect(try FrameSampler.nearest(timestamps: [0, 1, 1, 2], to: [1, 0.9]) == [1, 1])
    }

    @Test("rejects bad timestamps, times and intervals, naming them")
    func validation() {
        #expect(throws: SamplingError(parameter: "timestamps", message: "timestamps is empty; a video needs at least one frame")) {
            try FrameSampler.nearest(timestamps: [], to: [1])
        }
        #expect(
            throws: SamplingError(
                parameter: "timestamps",
                message: "timestamps[2] (0.5) is earlier than timestamps[1] (1.0); pass them in presentation order")
        ) {
            try FrameSampler.everyInterval(timestamps: [0, 1, 0.5], interval: 1)
        }
        #expect(throws: SamplingError(parameter: "timestamps", message: "timestamps[1] (nan) must be a finite number of seconds")) {
            try FrameSampler.nearest(timestamps: [0, .nan], to: [1])
        }
        #expect(throws: SamplingError(parameter: "times", message: "times[0] (inf) must be a finite number of seconds")) {
            try FrameSampler.nearest(timestamps: [0, 1], to: [.infinity])
        }
        #expect(throws: SamplingError(parameter: "interval", message: "interval (0.0) must be a positive number of seconds")) {
            try FrameSampler.everyInterval(timestamps: [0, 1], interval: 0)
        }
        let tooMany = #expect(throws: SamplingError.self) {
            try FrameSampler.everyInterval(timestamps: [0, 10], interval: 1e-6)
        }
        #expect(tooMany?.parameter == "interval")
    }
}
