import Foundation
import Testing

@testable import FrameSampling

@Suite("SamplingStrategy: validation before decoding, dispatch after")
struct SamplingStrategyTests {
    @Test("each strategy yields the indices of its sampler")
    func dispatch() throws {
        #expect(try SamplingStrategy.uniform(frames: 8).indices(frameCount: 300) == [18, 56, 93, 131, 168, 206, 243, 281])
        #expect(
            try SamplingStrategy.stride(frames: 4, step: 2, policy: .repeatLast).indices(frameCount: 5) == [0, 2, 4, 4])
        #expect(
            try SamplingStrategy.random(frames: 5, seed: 9).indices(frameCount: 50)
                == FrameSampler.random(frameCount: 50, frames: 5, seed: 9))
        #expect(try SamplingStrategy.indices([4, 0, 4]).indices(frameCount: 5) == [4, 0, 4])
    }

    @Test("frameCount is T, or the number of explicit indices")
    func frameCount() {
        #expect(SamplingStrategy.uniform(frames: 16).frameCount == 16)
        #expect(SamplingStrategy.stride(frames: 32, step: 2, policy: .loop).frameCount == 32)
        #expect(SamplingStrategy.random(frames: 3, seed: 0).frameCount == 3)
        #expect(SamplingStrategy.indices([1, 2]).frameCount == 2)
    }

    @Test("validate names the parameter and its value, without a video", arguments: [
        (SamplingStrategy.uniform(frames: 0), "frames", "frames (0) must be ≥ 1"),
        (.random(frames: 20_000, seed: 1), "frames", "frames (20000) must be ≤ 10000"),
        (.stride(frames: 8, step: 0, policy: .loop), "step", "step (0) must be ≥ 1"),
        (.stride(frames: 0, step: 0, policy: .loop), "frames", "frames (0) must be ≥ 1"),
        (.indices([]), "indices.count", "indices.count (0) must be ≥ 1"),
        (.indices([3, 1, -1]), "indices", "indices[2] (-1) must be ≥ 0"),
    ])
    func validation(strategy: SamplingStrategy, parameter: String, message: String) {
        #expect(throws: SamplingError(parameter: parameter, message: message)) { try strategy.validate() }
        #expect(throws: SamplingError(parameter: parameter, message: message)) { try strategy.indices(frameCount: 10) }
    }

    @Test("valid strategies pass validation")
    func validStrategies() throws {
        try SamplingStrategy.uniform(frames: 10_000).validate()
        try SamplingStrategy.stride(frames: 1, step: 100_000, policy: .error).validate()
        try SamplingStrategy.indices([0]).validate()
    }

    @Test("an empty video and explicit indices past the end are errors")
    func frameCountErrors() {
        #expect(throws: SamplingError(parameter: "frameCount", message: "frameCount (0) must be ≥ 1")) {
            try SamplingStrategy.indices([0]).indices(frameCount: 0)
        }
        #expect(
            throws: SamplingError(
                parameter: "indices",
                message: "indices[1] (300) is past the last frame of a video of 300 frames; indices run from 0 to 299")
        ) {
            try SamplingStrategy.indices([0, 300]).indices(frameCount: 300)
        }
    }

    @Test("round-trips through JSON", arguments: [
        SamplingStrategy.uniform(frames: 16), .stride(frames: 8, step: 4, policy: .repeatLast),
        .random(frames: 3, seed: .max), .indices([5, 1, 5]),
    ])
    func codable(strategy: SamplingStrategy) throws {
        let data = try JSONEncoder().encode(strategy)
        #expect(try JSONDecoder().decode(SamplingStrategy.self, from: data) == strategy)
    }

    @Test("errors read as their message")
    func description() {
        let error = SamplingError(parameter: "frames", message: "frames (0) must be ≥ 1")
        #expect("\(error)" == "frames (0) must be ≥ 1")
    }
}
