import Foundation
import ModelCore
import Testing
import VidClass

@Suite("classifier behaviour")
struct ClassifierBehaviourTests {
    let bikes = TestSupport.sampleClip("bikes.mp4")

    @Test func oneClassifierSharedByConcurrentTasksGivesTheSameResults() async throws {
        let classifier = try TestSupport.classifier()
        let clips = ["flipping_a_pancake.mkv", "cleaning_a_pool.mp4", "bikes.mp4"].map(TestSupport.sampleClip)
        let options = ClassifyOptions(sampling: .uniform(frames: 4))
        let sequential = try clips.map { try classifier.classify(.path($0), options: options).predictions }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [Prediction]).self) { group in
            for (position, clip) in (clips + clips).enumerated() {
                group.addTask { (position, try classifier.classify(.path(clip), options: options).predictions) }
            }
            var results = [[Prediction]](repeating: [], count: clips.count * 2)
            for try await (position, predictions) in group { results[position] = predictions }
            return results
        }
        #expect(concurrent == sequential + sequential)
    }

    @Test func strideSamplingIsCentred() throws {
        let options = ClassifyOptions(sampling: .stride(frames: 8, step: 4, policy: .loop), top: 1)
        let result = try TestSupport.classifier().classify(.path(bikes), options: options)
        // N = 250, L = 29, start = floor((250 − 29 + 1) / 2) = 111.
        #expect(result.frames.map(\.index) == [111, 115, 119, 123, 127, 131, 135, 139])
    }

    @Test func maxPoolingDiffersFromMeanAndAttentionNeedsATrainedHead() throws {
        let options = ClassifyOptions(sampling: .uniform(frames: 8), pooling: .max)
        let max = try TestSupport.classifier().classify(.path(bikes), options: options)
        let mean = try TestSupport.classifier().classify(.path(bikes), options: .init(sampling: .uniform(frames: 8)))
        #expect(max.pooling == "max" && mean.pooling == "mean")
        #expect(max.predictions != mean.predictions)
        #expect(throws: VidClassError.self) {
            try TestSupport.classifier().classify(.path(bikes), options: .init(pooling: .attention))
        }
    }

    @Test func perFrameLabelsAndContactSheet() throws {
        let options = ClassifyOptions(sampling: .uniform(frames: 4), perFrameLabels: true, keepFrames: true)
        let (result, frames) = try TestSupport.classifier().classifyKeepingFrames(.path(bikes), options: options)
        #expect(frames.count == 4)
        #expect(result.frames.allSatisfy { $0.topLabel != nil })
        let sheet = ContactSheet(classification: result, frames: frames).render()
        #expect(sheet.width == 2 * (240 + 8) + 8)
        #expect(sheet.pixels.count == sheet.width * sheet.height * 3)
    }

    @Test func bundleMetadataRoundTrips() throws {
        let bundle = try TestSupport.classifier().bundle
        #expect(bundle.metadata.architecture == .efficientNetLite0)
        #expect(bundle.metadata.labels.count == 1000)
        #expect(bundle.metadata.preprocess.cropSize == 224)
        let again = try BundleMetadata(strings: bundle.metadata.strings, path: "memory")
        #expect(again == bundle.metadata)
        #expect(throws: VidClassError.self) { try BundleMetadata(strings: [:], path: "empty") }
    }
}
