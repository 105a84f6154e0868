import Testing

@testable import FrameSampling

@Suite("Stride sampling: one dense centred clip")
struct StrideSamplingTests {
    @Test(
        "equals DESIGN.md's centred clip under each policy for every swept N and T",
        arguments: Reference.frameCounts, Reference.sampleCounts)
    func sweep(frameCount: Int, frames: Int) throws {
        for step in [1, 2, 5] {
            for policy in OutOfRangePolicy.allCases {
                let expected = Reference.stride(frameCount: frameCount, frames: frames, step: step, policy: policy.rawValue)
                let label = "N = \(frameCount), T = \(frames), step = \(step), \(policy)"
                if let expected {
                    let indices = try FrameSampler.stride(frameCount: frameCount, frames: frames, step: step, policy: policy)
                    #expect(indices == expected, "\(label)")
                    #expect(indices.allSatisfy { (0..<frameCount).contains($0) }, "\(label)")
                } else {
                    #expect(throws: SamplingError.self, "\(label)") {
                        try FrameSampler.stride(frameCount: frameCount, frames: frames, step: step, policy: policy)
                    }
                }
            }
        }
    }

    @Test("worked examples: centred when the clip fits, wrapped or clamped when it does not")
    func workedExamples() throws {
        // L = 5, start = ⌊(10 − 5 + 1) / 2⌋ = 3.
        #expect(try FrameSampler.stride(frameCount: 10, frames: 3, step: 2, policy: .error) == [3, 5, 7])
        // L = 7, start = ⌊(300 − 7 + 1) / 2⌋ = 147.
        #expect(try FrameSampler.stride(frameCount: 300, frames: 4, step: 2, policy: .loop) == [147, 149, 151, 153])
        // L = 7 > 5: start 0, positions [0, 2, 4, 6]; 6 → 6 mod 5 = 1 or → 4.
        #expect(try FrameSampler.stride(frameCount: 5, frames: 4, step: 2, policy: .loop) == [0, 2, 4, 1])
        #expect(try FrameSampler.stride(frameCount: 5, frames: 4, step: 2, policy: .repeatLast) == [0, 2, 4, 4])
        // A clip that exactly fits starts at 0 and ends on the last frame.
        #expect(try FrameSampler.stride(frameCount: 7, frames: 4, step: 2, policy: .error) == [0, 2, 4, 6])
    }

    @Test("the error policy names the frame count, the clip and the span")
    func errorPolicyMessage() {
        let expected = SamplingError(
            parameter: "frameCount",
            message: "frameCount (5) is shorter than the clip of 4 frames with step 2, which spans 7 frames; "
                + "lower frames or step, or use policy loop or repeat-last")
        #expect(throws: expected) {
            try FrameSampler.stride(frameCount: 5, frames: 4, step: 2, policy: .error)
        }
    }

    @Test("rejects out-of-range parameters, naming them")
    func validation() {
        #expect(throws: SamplingError(parameter: "step", message: "step (0) must be ≥ 1")) {
            try FrameSampler.stride(frameCount: 10, frames: 4, step: 0, policy: .loop)
        }
        #expect(throws: SamplingError(parameter: "step", message: "step (100001) must be ≤ 100000")) {
            try FrameSampler.stride(frameCount: 10, frames: 4, step: 100_001, policy: .loop)
        }
        #expect(throws: SamplingError(parameter: "frameCount", message: "frameCount (-3) must be ≥ 1")) {
            try FrameSampler.stride(frameCount: -3, frames: 4, step: 1, policy: .loop)
        }
    }

    @Test("policies keep their command-line spellings")
    func policySpellings() {
        #expect(OutOfRangePolicy.allCases.map(\.rawValue) == ["loop", "repeat-last", "error"])
        #expect(OutOfRangePolicy(rawValue: "repeat-last") == .repeatLast)
    }
}
