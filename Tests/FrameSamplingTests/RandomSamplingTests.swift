import Testing

@testable import FrameSampling

@Suite("Random sampling: one frame per segment")
struct RandomSamplingTests {
    /// Segment `i` of `N` frames in `T` parts, restated from the documentation: `[⌊iN/T⌋, max(⌊(i+1)N/T⌋, ⌊iN/T⌋ + 1))`.
    private func segment(_ i: Int, frameCount n: Int, frames t: Int) -> Range<Int> {
        let start = i * n / t
        return start..<max((i + 1) * n / t, start + 1)
    }

    @Test("one index inside each segment, for every swept N and T", arguments: Reference.frameCounts, Reference.sampleCounts)
    func sweep(frameCount: Int, frames: Int) throws {
        for seed: UInt64 in [0, 1, 42, .max] {
            let indices = try FrameSampler.random(frameCount: frameCount, frames: frames, seed: seed)
            #expect(indices.count == frames)
            for (i, index) in indices.enumerated() {
                #expect(segment(i, frameCount: frameCount, frames: frames).contains(index), "seed \(seed), i = \(i)")
            }
            if frameCount >= frames {
                #expect(Set(indices).count == frames, "segments are disjoint when N ≥ T")
            }
        }
    }

    @Test("deterministic for a seed, different for another")
    func seeds() throws {
        let first = try FrameSampler.random(frameCount: 1000, frames: 16, seed: 7)
        let again = try FrameSampler.random(frameCount: 1000, frames: 16, seed: 7)
        let other = try FrameSampler.random(frameCount: 1000, frames: 16, seed: 8)
        #expect(first == again)
        #expect(first != other)
    }

    @Test("every frame of a segment can be drawn, and none is strongly favoured")
    func coversSegments() throws {
        // N = 12, T = 3: segments of 4 frames; 4000 seeds give each frame about 1000 draws.
        var counts = [Int](repeating: 0, count: 12)
        for seed in 0..<UInt64(4000) {
            for index in try FrameSampler.random(frameCount: 12, frames: 3, seed: seed) { counts[index] += 1 }
        }
        #expect(counts.allSatisfy { (850...1150).contains($0) }, "draw counts per frame: \(counts)")
    }

    @Test("SplitMix64 reproduces the reference generator's first outputs for seed 0")
    func generatorReferenceValues() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("bounded draws stay below the bound, including 1 and the largest Int")
    func boundedDraws() {
        var generator = SplitMix64(seed: 3)
        for bound in [1, 2, 3, 7, 1000, Int.max] {
            for _ in 0..<200 { #expect((0..<bound).contains(generator.next(below: bound))) }
        }
    }

    @Test("rejects an empty video")
    func validation() {
        #expect(throws: SamplingError(parameter: "frameCount", message: "frameCount (0) must be ≥ 1")) {
            try FrameSampler.random(frameCount: 0, frames: 8, seed: 1)
        }
    }
}
