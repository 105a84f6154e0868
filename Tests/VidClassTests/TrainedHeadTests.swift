import Foundation
import ModelCore
import Testing

@testable import VidClass

/// Head-only bundles: written small, loaded with the default backbone when the digest matches, refused when not.
@Suite("trained head bundles")
struct TrainedHeadTests {
    private func trainedHead(digest: String, pooling: Pooling = .attention) throws -> TrainedHead {
        let defaults = try TestSupport.classifier().bundle
        let metadata = BundleMetadata(
            architecture: defaults.metadata.architecture, backboneDigest: digest, preprocess: defaults.metadata.preprocess,
            pooling: pooling, frames: 4, labels: ["cat", "dog", "owl"], source: "vidclass train")
        let head = ClassifierHead.initialized(pooling: pooling, classes: 3, featureDimension: 1280, seed: 3)
        return TrainedHead(
            head: head, metadata: metadata, history: [], trainingClips: 0, validationClips: 0, skipped: [], cacheHits: 0)
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-head-\(UUID().uuidString).safetensors").path
    }

    @Test func aHeadOnlyBundleBorrowsTheDefaultBackboneAndKeepsItsHead() throws {
        let digest = try FeatureExtractor(bundle: try TestSupport.classifier().bundle).backboneDigest
        let trained = try trainedHead(digest: digest)
        let path = temporaryPath()
        try trained.write(to: path, overwrite: false)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size < 30_000)
        let bundle = try ModelBundle(contentsOf: path)
        #expect(bundle.metadata.labels == ["cat", "dog", "owl"])
        #expect(bundle.head.pooling == .attention)
        #expect(bundle.head.weight == trained.head.weight && bundle.head.attention == trained.head.attention)
        #expect(bundle.backbone.featureDimension == 1280)
        // Features of the borrowed backbone are the default bundle's own, so the cache is shared too.
        #expect(try FeatureExtractor(bundle: bundle).backboneDigest == digest)

        let again = #expect(throws: VidClassError.self) { try trained.write(to: path, overwrite: false) }
        #expect(again?.category == .cannotCreate)
    }

    @Test func aHeadTrainedOnOtherWeightsIsRefused() throws {
        let path = temporaryPath()
        try trainedHead(digest: String(repeating: "0", count: 64), pooling: .mean).write(to: path, overwrite: false)
        let error = #expect(throws: VidClassError.self) { try ModelBundle(contentsOf: path) }
        #expect(error?.category == .badData)
        #expect(error?.message.contains("digest 000000000000…") == true, "\(error?.message ?? "")")
    }
}
