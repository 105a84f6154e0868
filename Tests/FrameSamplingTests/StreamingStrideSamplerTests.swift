import Testing

@testable import FrameSampling

@Suite("StreamingStrideSampler: a strided clip from frame 0 of a stream")
struct StreamingStrideSamplerTests {
    private static func payload(_ index: Int) -> Int { index * 10 + 3 }

    /// Feeds `0..<frameCount` through `sampler` (stopping once the clip is complete when `stopEarly`).
    private static func feed(_ sampler: inout StreamingStrideSampler<Int>, frameCount: Int, stopEarly: Bool = false) {
        for index in 0..<frameCount {
            if stopEarly && sampler.isComplete { return }
            if sampler.wants(index) { sampler.keep(index, payload(index)) }
        }
    }

    @Test(
        "equals the offline clip when N ≤ L, the first L frames' clip when N > L, within capacity",
        arguments: [1, 7, 9, 10, 11, 16, 100], [1, 4, 8])
    func sweep(frameCount: Int, frames: Int) throws {
        for step in [1, 2, 3] {
            let span = (frames - 1) * step + 1
            for policy in OutOfRangePolicy.allCases {
                let label = "N = \(frameCount), T = \(frames), step = \(step), \(policy)"
                var sampler = try StreamingStrideSampler<Int>(frames: frames, step: step, policy: policy)
                Self.feed(&sampler, frameCount: frameCount)
                #expect(sampler.peakCount <= sampler.capacity, "\(label)")
                let expected: [Int]? =
                    frameCount > span
                    ? (0..<frames).map { $0 * step }
                    : Reference.stride(frameCount: frameCount, frames: frames, step: step, policy: policy.rawValue)
                guard let expected else {
                    #expect(throws: SamplingError.clipTooLong(frameCount: frameCount, frames: frames, step: step), "\(label)") {
                        try sampler.finish(frameCount: frameCount)
                    }
                    continue
                }
                let picks = try sampler.finish(frameCount: frameCount)
                #expect(picks.map(\.target) == expected, "\(label)")
                #expect(picks.map(\.index) == expected, "\(label)")
                #expect(picks.map(\.element) == expected.map(Self.payload), "\(label)")
            }
        }
    }

    @Test("capacity per policy: T, T + 1, L", arguments: OutOfRangePolicy.allCases)
    func capacity(policy: OutOfRangePolicy) throws {
        let sampler = try StreamingStrideSampler<Int>(frames: 8, step: 4, policy: policy)
        let expected = switch policy {
        case .error: 8
        case .repeatLast: 9
        case .loop: 29
        }
        #expect(sampler.capacity == expected)
    }

    @Test("complete after frame L − 1: only the clip is held, and stopping there gives the same clip", arguments: OutOfRangePolicy.allCases)
    func stopEarly(policy: OutOfRangePolicy) throws {
        var sampler = try StreamingStrideSampler<Int>(frames: 5, step: 3, policy: policy)
        Self.feed(&sampler, frameCount: 1000, stopEarly: true)
        #expect(sampler.isComplete && sampler.framesOffered == 13)
        #expect(sampler.count == 5)
        let picks = try sampler.finish(frameCount: sampler.framesOffered)
        #expect(picks.map(\.index) == [0, 3, 6, 9, 12])
    }

    @Test("frames past the clip are never wanted")
    func pastTheClip() throws {
        var sampler = try StreamingStrideSampler<Int>(frames: 3, step: 2, policy: .loop)
        let wanted = (0..<20).filter { index in
            let wants = sampler.wants(index)
            if wants { sampler.keep(index, index) }
            return wants
        }
        #expect(wanted == [0, 1, 2, 3, 4])
    }

    @Test("rejects bad parameters, naming them")
    func validation() {
        #expect(throws: SamplingError(parameter: "step", message: "step (0) must be ≥ 1")) {
            try StreamingStrideSampler<Int>(frames: 4, step: 0, policy: .loop)
        }
        #expect(throws: SamplingError(parameter: "frames", message: "frames (0) must be ≥ 1")) {
            try StreamingStrideSampler<Int>(frames: 0, step: 1, policy: .loop)
        }
    }
}
