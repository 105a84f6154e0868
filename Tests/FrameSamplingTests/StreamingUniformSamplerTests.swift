import Testing

@testable import FrameSampling

@Suite("StreamingUniformSampler: uniform picks from a stream of unknown length")
struct StreamingUniformSamplerTests {
    /// The element a test stores for frame `index`, distinct from the index so mix-ups show.
    private static func payload(_ index: Int) -> Int { index * 10 + 3 }

    /// Feeds `indices` (increasing) through `sampler`, keeping every frame it wants.
    private static func feed(_ sampler: inout StreamingUniformSampler<Int>, _ indices: some Sequence<Int>) {
        for index in indices where sampler.wants(index) {
            sampler.keep(index, payload(index))
        }
    }

    @Test(
        "memory ≤ 2T + 1, exact targets, picks within half a step (≤ (N − 1) / 2T) of them",
        arguments: [1, 2, 7, 16, 17, 33, 34, 100, 301, 1000, 4097, 65_537, 1_000_000], [1, 8, 16])
    func sweep(frameCount: Int, frames: Int) throws {
        var sampler = try StreamingUniformSampler<Int>(frames: frames)
        Self.feed(&sampler, 0..<frameCount)
        let step = sampler.step
        #expect(sampler.capacity == 2 * frames + 1)
        #expect(sampler.peakCount <= sampler.capacity)
        #expect(step.nonzeroBitCount == 1 && step <= max(1, (frameCount - 1) / frames))
        let picks = try sampler.finish(frameCount: frameCount)
        #expect(picks.map(\.target) == Reference.uniform(frameCount: frameCount, frames: frames))
        for pick in picks {
            #expect(pick.element == Self.payload(pick.index))
            #expect((0..<frameCount).contains(pick.index))
            #expect(2 * abs(pick.index - pick.target) <= step, "target \(pick.target), pick \(pick.index), step \(step)")
            #expect(2 * frames * abs(pick.index - pick.target) <= frameCount - 1 || pick.index == pick.target)
            if pick.target % step == 0 { #expect(pick.index == pick.target) }
        }
        if frameCount <= 2 * frames {
            #expect(picks.map(\.index) == picks.map(\.target), "nothing is dropped while N ≤ 2T")
        }
    }

    @Test("not exact in general: N = 1000, T = 16 ends with step 32, and target 31 gets frame 32")
    func inexactExample() throws {
        var sampler = try StreamingUniformSampler<Int>(frames: 16)
        Self.feed(&sampler, 0..<1000)
        #expect(sampler.step == 32)
        let first = try #require(try sampler.finish(frameCount: 1000).first)
        #expect(first.target == 31 && first.index == 32)
    }

    @Test(
        "with the header's frame count: exact when it is right, memory ≤ 3T + 1 and the same bound when it is not",
        arguments: [7, 100, 1000, 65_537], [1, 8, 16])
    func expectedFrameCount(frameCount: Int, frames: Int) throws {
        for expected in [frameCount, frameCount - 3, frameCount + 5] where expected >= 1 {
            var sampler = try StreamingUniformSampler<Int>(frames: frames, expectedFrameCount: expected)
            Self.feed(&sampler, 0..<frameCount)
            let step = sampler.step
            #expect(sampler.capacity <= 3 * frames + 1)
            #expect(sampler.peakCount <= sampler.capacity)
            let picks = try sampler.finish(frameCount: frameCount)
            #expect(picks.map(\.target) == Reference.uniform(frameCount: frameCount, frames: frames))
            for pick in picks {
                #expect(pick.element == Self.payload(pick.index))
                #expect(2 * abs(pick.index - pick.target) <= step)
            }
            if expected == frameCount {
                #expect(picks.map(\.index) == picks.map(\.target), "exact when the header is right")
            }
        }
    }

    @Test("frames lost from the stream are replaced by the nearest kept ones")
    func gaps() throws {
        var sampler = try StreamingUniformSampler<Int>(frames: 8)
        Self.feed(&sampler, Swift.stride(from: 0, to: 100, by: 2))
        let picks = try sampler.finish(frameCount: 100)
        let kept = Set(Swift.stride(from: 0, to: 100, by: 2 * sampler.step / 2))
        for pick in picks {
            #expect(pick.index % 2 == 0 && kept.contains(pick.index))
            #expect(pick.element == Self.payload(pick.index))
            #expect(abs(pick.index - pick.target) <= sampler.step)
        }
    }

    @Test("wants exactly the multiples of the current step")
    func wantsGrid() throws {
        var sampler = try StreamingUniformSampler<Int>(frames: 2)
        var wanted: [Int] = []
        for index in 0..<20 where sampler.wants(index) {
            wanted.append(index)
            sampler.keep(index, index)
        }
        // T = 2: the grid fills at 5 frames (0…4) and halves to step 2; it fills again at 0, 2, …, 8 (step 4)
        // and at 0, 4, …, 16, leaving 0, 8, 16 with step 8.
        #expect(wanted == [0, 1, 2, 3, 4, 6, 8, 12, 16])
        #expect(sampler.step == 8 && sampler.count == 3)
    }

    @Test("errors: bad parameters, a frame count below the frames offered, nothing kept")
    func errors() throws {
        #expect(throws: SamplingError(parameter: "frames", message: "frames (0) must be ≥ 1")) {
            try StreamingUniformSampler<Int>(frames: 0)
        }
        #expect(throws: SamplingError(parameter: "expectedFrameCount", message: "expectedFrameCount (0) must be ≥ 1")) {
            try StreamingUniformSampler<Int>(frames: 4, expectedFrameCount: 0)
        }
        var short = try StreamingUniformSampler<Int>(frames: 4)
        Self.feed(&short, 0..<10)
        #expect(
            throws: SamplingError(
                parameter: "frameCount",
                message: "frameCount (5) is less than the 10 frames offered; pass the number of frames in the stream")
        ) {
            try short.finish(frameCount: 5)
        }
        var empty = try StreamingUniformSampler<Int>(frames: 4)
        _ = empty.wants(0)
        let error = #expect(throws: SamplingError.self) { try empty.finish(frameCount: 1) }
        #expect(error?.parameter == "keep")
    }
}
