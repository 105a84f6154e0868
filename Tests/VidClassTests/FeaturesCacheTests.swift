import Foundation
import Testing

@testable import VidClass

/// The feature cache: a hit returns exactly what was computed, a changed file or sampling misses, and a corrupt
/// entry is ignored and rewritten.
@Suite("feature cache")
struct FeaturesCacheTests {
    let folder: URL
    let extractor: FeatureExtractor

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-cache-\(UUID().uuidString)")
        extractor = try FeatureExtractor(bundle: try TestSupport.classifier().bundle, cache: FeatureCache(directory: folder.path))
    }

    @Test func aSecondReadComesFromTheCacheWithTheSameValues() throws {
        let clip = TestSupport.sampleClip("bikes.mp4")
        let first = try extractor.features(of: .path(clip), sampling: .uniform(frames: 2))
        #expect(!first.fromCache)
        #expect(first.features.shape == [2, 1280])
        #expect(first.frames.map(\.index) == [62, 187])
        let second = try extractor.features(of: .path(clip), sampling: .uniform(frames: 2))
        #expect(second.fromCache)
        #expect(second.features == first.features)
        #expect(second.frames == first.frames)
        let otherSampling = try extractor.features(of: .path(clip), sampling: .uniform(frames: 3))
        #expect(!otherSampling.fromCache)
    }

    @Test func aCorruptEntryIsRecomputedAndRewritten() throws {
        let clip = TestSupport.sampleClip("cleaning_a_pool.mp4")
        let computed = try extractor.features(of: .path(clip), sampling: .uniform(frames: 1))
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(entries.count == 1)
        let entry = folder.appendingPathComponent(entries[0])
        try Data("garbage".utf8).write(to: entry)
        let again = try extractor.features(of: .path(clip), sampling: .uniform(frames: 1))
        #expect(!again.fromCache)
        #expect(again.features == computed.features)
        #expect(try extractor.features(of: .path(clip), sampling: .uniform(frames: 1)).fromCache)
    }

    @Test func aModifiedFileMisses() throws {
        let copy = folder.appendingPathComponent("copy.mkv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.sampleClip("flipping_a_pancake.mkv"), toPath: copy.path)
        _ = try extractor.features(of: .path(copy.path), sampling: .uniform(frames: 1))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: copy.path)
        #expect(try !extractor.features(of: .path(copy.path), sampling: .uniform(frames: 1)).fromCache)
    }

    @Test func theDefaultFolderFollowsTheEnvironment() {
        #expect(FeatureCache.defaultDirectory(environment: ["VIDCLASS_CACHE": "/a", "XDG_CACHE_HOME": "/b"]) == "/a")
        #expect(FeatureCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/b", "HOME": "/h"]) == "/b/vidclass")
        #expect(FeatureCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/vidclass")
    }

    @Test func theBackboneDigestNamesTheDefaultWeights() throws {
        #expect(extractor.backboneDigest.count == 64)
        #expect(try FeatureExtractor(bundle: try TestSupport.classifier().bundle).backboneDigest == extractor.backboneDigest)
    }
}
