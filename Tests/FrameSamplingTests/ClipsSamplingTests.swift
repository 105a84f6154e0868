import Testing

@testable import FrameSampling

@Suite("clips: several dense clips spread over the video")
struct ClipsSamplingTests {
    @Test("the documented examples")
    func examples() throws {
        #expect(try FrameSampler.clips(frameCount: 100, clips: 3, frames: 4, step: 1, policy: .loop)
            == [[0, 1, 2, 3], [48, 49, 50, 51], [96, 97, 98, 99]])
        #expect(try FrameSampler.clips(frameCount: 3, clips: 3, frames: 4, step: 1, policy: .loop) == [[0, 1, 2, 0]])
    }

    @Test(
        "equals mmaction2's spread, computed independently, over a sweep",
        arguments: Reference.frameCounts + [64, 65, 66, 129, 5000], [1, 2, 3, 5, 10])
    func sweep(frameCount: Int, clips: Int) throws {
        for (frames, step) in [(1, 1), (8, 1), (16, 2), (64, 1), (32, 3)] {
            for policy in OutOfRangePolicy.allCases {
                let label = "N = \(frameCount), K = \(clips), T = \(frames), step = \(step), \(policy)"
                guard let expected = Reference.clips(
                    frameCount: frameCount, clips: clips, frames: frames, step: step, policy: policy.rawValue)
                else {
                    #expect(throws: SamplingError.self, "\(label)") {
                        try FrameSampler.clips(frameCount: frameCount, clips: clips, frames: frames, step: step, policy: policy)
                    }
                    continue
                }
                let result = try FrameSampler.clips(frameCount: frameCount, clips: clips, frames: frames, step: step, policy: policy)
                #expect(result == expected, "\(label)")
                #expect(result.allSatisfy { $0.count == frames } && (1...clips).contains(result.count), "\(label)")
                let span = (frames - 1) * step + 1
                if clips > 1, frameCount > span {
                    #expect(result.first?.first == 0 && result.last?.last == frameCount - 1, "\(label): the clips reach both ends")
                }
            }
        }
    }

    @Test("exact halves round to even, as NumPy's round does")
    func halves() {
        #expect(FrameSampler.roundingHalfToEven(1, dividedBy: 2) == 0)
        #expect(FrameSampler.roundingHalfToEven(3, dividedBy: 2) == 2)
        #expect(FrameSampler.roundingHalfToEven(5, dividedBy: 2) == 2)
        #expect(FrameSampler.roundingHalfToEven(7, dividedBy: 4) == 2)
        #expect(FrameSampler.roundingHalfToEven(5, dividedBy: 3) == 2)
    }

    @Test("bad parameters are named; the strategy flattens the clips and counts at most K · T")
    func strategy() throws {
        #expect(throws: SamplingError(parameter: "clips", message: "clips (0) must be ≥ 1")) {
            try SamplingStrategy.clips(count: 0, frames: 8, step: 1, policy: .loop).validate()
        }
        #expect(throws: SamplingError(parameter: "clips × frames", message: "clips × frames (20000) must be ≤ 10000")) {
            try SamplingStrategy.clips(count: 10, frames: 2000, step: 1, policy: .loop).validate()
        }
        let strategy = SamplingStrategy.clips(count: 2, frames: 3, step: 2, policy: .loop)
        #expect(strategy.frameCount == 6)
        #expect(strategy.framesPerClip == 3)
        #expect(try strategy.indices(frameCount: 10) == [0, 2, 4, 5, 7, 9])
        #expect(SamplingStrategy.stride(frames: 3, step: 2, policy: .loop).framesPerClip == nil)
    }
}
