import Foundation
import ModelCore
import Testing
@testable import VidClass

/// The Kinetics-400 I3D bundle end to end, against the independent numpy I3D (`scripts/make-i3d-goldens.py`) run on
/// the same 64 central frames decoded by the ffmpeg CLI and resized by Pillow. Decoding is exact on both sides; the
/// resize differs (swscale vs Pillow bilinear), so logits agree to a tolerance rather than bit for bit.
///
/// The bundle is not committed (48 MB): `scripts/test` installs it with `scripts/fetch-kinetics400` first, and these
/// tests are skipped on a checkout where it is absent.
@Suite("Kinetics-400 I3D end to end", .enabled(if: KineticsBundle.isInstalled))
struct KineticsI3DTests {
    struct Golden: Decodable {
        struct Entry: Decodable {
            var label: String
            var classIndex: Int
            var logit: Double
        }
        var frameCount: Int
        var start: Int
        var logits: [Double]
        var top5: [Entry]
    }

    static let goldens: [String: Golden] = {
        let data = try! Data(contentsOf: TestSupport.fixture("i3d-goldens.json"))
        return try! JSONDecoder().decode([String: Golden].self, from: data)
    }()

    private static let loaded = Result { () throws(VidClassError) in try VideoClassifier(modelPath: "kinetics400") }

    /// The largest difference allowed between our logits and the reference's, over all 400 classes: the pool clip
    /// is 340×256, so only the crop applies and both sides see the same pixels (measured 1.4e-5); the pancake clip
    /// (426×240) is upscaled, by swscale here and Pillow there (measured 0.52, on logits up to 32).
    @Test(arguments: [("flipping_a_pancake.mkv", 0.75), ("cleaning_a_pool.mp4", 1e-3)])
    func logitsMatchTheReference(clip: String, logitTolerance: Double) throws {
        let golden = try #require(Self.goldens[clip])
        let classifier = try Self.loaded.get()
        let result = try classifier.classify(
            .path(TestSupport.sampleClip(clip)), options: ClassifyOptions(sampling: .stride(frames: 64, step: 1, policy: .loop)))
        #expect(result.sampling == "stride 64x1 (loop)")
        #expect(result.frames.map(\.index) == Array(golden.start..<golden.start + 64))
        #expect(result.predictions.first?.label == golden.top5.first?.label)
        #expect(result.predictions.first.map { $0.probability > 0.9 } == true)

        let features = try FeatureExtractor(bundle: classifier.bundle).features(of: .path(TestSupport.sampleClip(clip)), sampling: .stride(frames: 64, step: 1, policy: .loop))
        #expect(features.features.shape == [7, 1024])
        let logits = try classifier.bundle.head.logits(features.features)
        let worst = zip(logits, golden.logits).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worst < logitTolerance, "largest logit difference \(worst)")
        let top = try #require(golden.top5.first)
        #expect(abs(Double(logits[top.classIndex]) - top.logit) < 0.02 * top.logit, "top-1 logit \(logits[top.classIndex]) vs \(top.logit)")
        let ours = logits.indices.sorted { logits[$0] > logits[$1] }.prefix(5)
        #expect(Set(ours) == Set(golden.top5.map(\.classIndex)), "top-5 \(Array(ours)) vs \(golden.top5.map(\.classIndex))")
    }

    @Test func aTimelineLabelsEachWindowAsOneClip() throws {
        let timeline = try Self.loaded.get().timeline(
            .path(TestSupport.sampleClip("cleaning_a_pool.mp4")), options: TimelineOptions(window: 4, hop: 3, framesPerWindow: 32))
        #expect(timeline.windows.count >= 3)
        #expect(timeline.windows.allSatisfy { $0.predictions.first?.label == "cleaning pool" })
        #expect(timeline.backboneFrames >= timeline.windows.count * 16)
    }

    @Test func aHeadTrainedOnI3DFeaturesBorrowsTheKineticsBackboneAndItsClipLength() throws {
        let kinetics = try Self.loaded.get().bundle
        let digest = try FeatureExtractor(bundle: kinetics).backboneDigest
        let metadata = BundleMetadata(
            architecture: .i3d, backboneDigest: digest, preprocess: kinetics.metadata.preprocess, pooling: .attention,
            frames: 32, sampling: "stride", labels: ["pancake", "pool"], source: "vidclass train")
        let head = ClassifierHead.initialized(pooling: .attention, classes: 2, featureDimension: 1024, seed: 1)
        let trained = TrainedHead(
            head: head, metadata: metadata, history: [], trainingClips: 0, validationClips: 0, skipped: [], cacheHits: 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-i3d-head-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try trained.write(to: path, overwrite: false)
        let bundle = try ModelBundle(contentsOf: path)
        #expect(bundle.backbone.featureDimension == 1024)
        #expect(bundle.metadata.defaultSampling == .clips(count: 3, frames: 32, step: 1, policy: .loop))
        let result = try VideoClassifier(bundle: bundle).classify(.path(TestSupport.sampleClip("cleaning_a_pool.mp4")))
        // 300 frames, clips of 32 starting at 0, 134 and 268 (the last ends on the last frame).
        #expect(result.frames.map(\.requestedIndex) == [0, 134, 268].flatMap { Array($0..<$0 + 32) })
        #expect(result.coverage == 96.0 / 300)
        #expect(result.predictions.count == 2)
    }

    @Test func clipsSpreadOverTheVideoEachGoThroughTheNetworkOnTheirOwn() throws {
        let extractor = try FeatureExtractor(bundle: try Self.loaded.get().bundle)
        let clip = TestSupport.sampleClip("cleaning_a_pool.mp4")
        let spread = try extractor.features(of: .path(clip), sampling: .clips(count: 2, frames: 16, step: 2, policy: .loop))
        // 300 frames, span 31: the clips start at 0 and 269.
        let first = try extractor.features(of: .path(clip), sampling: .indices(Array(stride(from: 0, to: 31, by: 2))))
        let last = try extractor.features(of: .path(clip), sampling: .indices(Array(stride(from: 269, to: 300, by: 2))))
        #expect(spread.features.shape == [first.features.shape[0] * 2, 1024])
        let separate = first.features.values + last.features.values
        let worst = zip(spread.features.values, separate).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-5, "largest difference \(worst)")
        #expect(spread.frames.map(\.index) == first.frames.map(\.index) + last.frames.map(\.index))
    }

    @Test func aClipTooShortForTheNetworkIsAClearError() throws {
        #expect(throws: VidClassError.self) {
            try Self.loaded.get().classify(
                .path(TestSupport.sampleClip("cleaning_a_pool.mp4")), options: ClassifyOptions(sampling: .uniform(frames: 8)))
        }
    }
}

/// Whether `scripts/fetch-kinetics400` has installed the Kinetics-400 bundle.
enum KineticsBundle {
    static let isInstalled = (try? ModelBundle.path(forModelArgument: "kinetics400")) != nil
}
