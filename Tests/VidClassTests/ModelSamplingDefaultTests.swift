import Foundation
import ModelCore
import Testing

@testable import VidClass

/// Every task samples as the model bundle says unless told otherwise: the rule (``SamplingRequest``) and the
/// library's defaults (classification, features, timelines) for a head trained on 4 frames.
@Suite("the model's sampling by default")
struct ModelSamplingDefaultTests {
    private func metadata(_ architecture: BackboneArchitecture, frames: Int, sampling: String) throws -> BundleMetadata {
        BundleMetadata(
            architecture: architecture, preprocess: try TestSupport.classifier().bundle.metadata.preprocess, pooling: .mean,
            frames: frames, sampling: sampling, labels: ["a", "b"])
    }

    @Test func aBundleSamplesItsOwnFramesByItsOwnMethodUnlessARequestSaysOtherwise() throws {
        let image = try metadata(.efficientNetLite0, frames: 8, sampling: "uniform")
        #expect(image.defaultSampling == .uniform(frames: 8))
        #expect(image.samplingStrategy(for: SamplingRequest(frames: 4)) == .uniform(frames: 4))
        #expect(image.samplingStrategy(for: SamplingRequest(method: .stride)) == .stride(frames: 8, step: 2, policy: .loop))
        #expect(
            image.samplingStrategy(for: SamplingRequest(method: .stride, step: 3, outOfRange: .error))
                == .stride(frames: 8, step: 3, policy: .error))
        #expect(image.samplingStrategy(for: SamplingRequest(method: .random, seed: 9)) == .random(frames: 8, seed: 9))
        // Asking for clips asks for strided sampling.
        #expect(image.samplingStrategy(for: SamplingRequest(clips: 2)) == .clips(count: 2, frames: 8, step: 2, policy: .loop))

        let clip = try metadata(.i3d, frames: 32, sampling: "stride")
        // A clip network averages three clips spread over the video unless told how many.
        #expect(clip.defaultSampling == .clips(count: 3, frames: 32, step: 1, policy: .loop))
        #expect(clip.samplingStrategy(for: SamplingRequest(clips: 1)) == .stride(frames: 32, step: 1, policy: .loop))
        #expect(clip.samplingStrategy(for: SamplingRequest(clips: 5)) == .clips(count: 5, frames: 32, step: 1, policy: .loop))
        #expect(clip.samplingStrategy(for: SamplingRequest(method: .uniform)) == .uniform(frames: 32))
        // A method this vidclass does not know falls back to the architecture's.
        #expect(try metadata(.i3d, frames: 16, sampling: "zigzag").defaultSampling == .clips(count: 3, frames: 16, step: 1, policy: .loop))
        // Without a bundle, the architecture's own defaults.
        #expect(BackboneArchitecture.efficientNetLite0.defaultSampling() == .uniform(frames: 16))
        #expect(BackboneArchitecture.i3d.defaultSampling() == .clips(count: 3, frames: 64, step: 1, policy: .loop))
    }

    @Test func theConvertedDefaultModelStillSamplesSixteenUniformFrames() throws {
        #expect(try TestSupport.classifier().bundle.metadata.defaultSampling == .uniform(frames: 16))
    }

    /// A head trained on 4 frames, borrowing the default backbone.
    private func headTrainedOnFourFrames() throws -> ModelBundle {
        let defaults = try TestSupport.classifier().bundle
        let digest = try FeatureExtractor(bundle: defaults).backboneDigest
        let metadata = BundleMetadata(
            architecture: defaults.metadata.architecture, backboneDigest: digest, preprocess: defaults.metadata.preprocess,
            pooling: .mean, frames: 4, sampling: "uniform", labels: ["cat", "dog"], source: "vidclass train")
        let head = ClassifierHead.initialized(pooling: .mean, classes: 2, featureDimension: 1280, seed: 5)
        let trained = TrainedHead(
            head: head, metadata: metadata, history: [], trainingClips: 0, validationClips: 0, skipped: [], cacheHits: 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-four-\(UUID().uuidString).safetensors").path
        try trained.write(to: path, overwrite: false)
        return try ModelBundle(contentsOf: path)
    }

    @Test func classificationFeaturesAndTimelinesDefaultToTheHeadsFrames() throws {
        let bundle = try headTrainedOnFourFrames()
        defer { try? FileManager.default.removeItem(atPath: bundle.path) }
        let video = TestSupport.sampleClip("bikes.mp4")
        let classifier = VideoClassifier(bundle: bundle)
        let classified = try classifier.classify(.path(video))
        #expect(classified.sampling == "uniform 4" && classified.frames.count == 4)

        let features = try FeatureExtractor(bundle: bundle).features(of: .path(video))
        #expect(features.features.shape == [4, 1280])
        // The same frames give the same features, whichever task computed them.
        #expect(features.frames.map(\.index) == classified.frames.map(\.index))

        let timeline = try classifier.timeline(.path(video), options: TimelineOptions(window: 2, hop: 2))
        #expect(timeline.framesPerWindow == 4)
        #expect(timeline.windows.allSatisfy { $0.frames.count <= 4 })
    }
}
