import Testing

@testable import FrameSampling

@Suite("Uniform sampling: TSN segment centres")
struct UniformSamplingTests {
    @Test("equals ⌊(2i + 1)·N / (2T)⌋ for every swept N and T", arguments: Reference.frameCounts, Reference.sampleCounts)
    func sweep(frameCount: Int, frames: Int) throws {
        let indices = try FrameSampler.uniform(frameCount: frameCount, frames: frames)
        #expect(indices == Reference.uniform(frameCount: frameCount, frames: frames))
        #expect(indices.allSatisfy { (0..<frameCount).contains($0) })
        #expect(indices == indices.sorted())
    }

    @Test("mmaction2 worked example: N = 300, T = 8, segments of 37.5 frames, centres 18.75, 56.25, …")
    func mmaction2Example() throws {
        #expect(try FrameSampler.uniform(frameCount: 300, frames: 8) == [18, 56, 93, 131, 168, 206, 243, 281])
    }

    @Test("fewer frames than samples repeats frames: N = 3, T = 4 → centres 0.375, 1.125, 1.875, 2.625")
    func shortVideoRepeats() throws {
        #expect(try FrameSampler.uniform(frameCount: 3, frames: 4) == [0, 1, 1, 2])
        #expect(try FrameSampler.uniform(frameCount: 1, frames: 5) == [0, 0, 0, 0, 0])
    }

    @Test("distinct, one per segment ⌊iN/T⌋ ≤ index < (i + 1)·N/T, when N ≥ T")
    func distinctWhenLongEnough() throws {
        for n in 25...200 {
            let indices = try FrameSampler.uniform(frameCount: n, frames: 25)
            #expect(Set(indices).count == 25, "N = \(n)")
            for (i, index) in indices.enumerated() {
                #expect(i * n / 25 <= index && index * 25 < (i + 1) * n, "N = \(n), i = \(i)")
            }
        }
    }

    @Test("exact for frame counts whose products overflow 64 bits: N = 2T·q gives (2i + 1)·q")
    func hugeFrameCounts() throws {
        let q = 1 << 48
        let frames = 10_000
        let indices = try FrameSampler.uniform(frameCount: 2 * frames * q, frames: frames)
        #expect(indices == (0..<frames).map { (2 * $0 + 1) * q })
    }

    @Test("rejects an empty video and out-of-range T, naming parameter and value")
    func validation() {
        #expect(throws: SamplingError(parameter: "frameCount", message: "frameCount (0) must be ≥ 1")) {
            try FrameSampler.uniform(frameCount: 0, frames: 8)
        }
        #expect(throws: SamplingError(parameter: "frames", message: "frames (0) must be ≥ 1")) {
            try FrameSampler.uniform(frameCount: 10, frames: 0)
        }
        #expect(throws: SamplingError(parameter: "frames", message: "frames (10001) must be ≤ 10000")) {
            try FrameSampler.uniform(frameCount: 10, frames: 10_001)
        }
    }
}
