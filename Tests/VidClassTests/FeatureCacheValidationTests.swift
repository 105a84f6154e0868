import Foundation
import ModelCore
import Testing
import WeightFiles

@testable import VidClass

/// Cache entries are files anyone can edit: a forged or damaged entry is reported, ignored and recomputed,
/// whatever it claims.
@Suite("feature cache validation")
struct FeatureCacheValidationTests {
    let folder: URL
    let extractor: FeatureExtractor
    let clip = TestSupport.sampleClip("cleaning_a_pool.mp4")

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-cache-\(UUID().uuidString)")
        extractor = try FeatureExtractor(bundle: try TestSupport.classifier().bundle, cache: FeatureCache(directory: folder.path))
    }

    /// Computes and caches the features, then replaces the entry by what `forge` makes of its metadata.
    private func forgeEntry(
        _ forge: (inout [String: String]) -> (shape: [Int], values: [Float])
    ) throws -> (computed: FrameFeatures, again: FrameFeatures) {
        let computed = try extractor.features(of: .path(clip), sampling: .uniform(frames: 1))
        let entry = folder.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)).path
        var metadata = try WeightFile.read(contentsOf: entry).metadata
        let (shape, values) = forge(&metadata)
        try SafeTensorsWriter.write(
            [NamedTensor(name: "features", shape: shape, values: values)], metadata: metadata, storage: .float32, to: entry, overwrite: true)
        return (computed, try extractor.features(of: .path(clip), sampling: .uniform(frames: 1)))
    }

    private func expectRecomputed(_ result: (computed: FrameFeatures, again: FrameFeatures), because reason: String) {
        #expect(!result.again.fromCache)
        #expect(result.again.features == result.computed.features)
        #expect(result.again.warnings.count == 1)
        #expect(result.again.warnings.first?.contains(reason) == true, "\(result.again.warnings)")
        #expect(result.again.warnings.first?.contains("computed again") == true)
        #expect(result.computed.warnings.isEmpty)
    }

    @Test func anEntryOfTheWrongWidthIsRecomputed() throws {
        let result = try forgeEntry { metadata in
            metadata["sha256"] = FeatureCache.checksum([1, 2, 3])
            return ([1, 3], [1, 2, 3])
        }
        expectRecomputed(result, because: "shape [1, 3]")
        // The rewritten entry is valid again.
        #expect(try extractor.features(of: .path(clip), sampling: .uniform(frames: 1)).fromCache)
    }

    @Test func anEntryWhoseValuesWereEditedIsRecomputed() throws {
        let result = try forgeEntry { _ in ([1, 1280], [Float](repeating: 0.5, count: 1280)) }
        expectRecomputed(result, because: "checksum")
    }

    @Test func anEntryOfAnotherBackboneIsRecomputed() throws {
        var original: [Float] = []
        let result = try forgeEntry { metadata in
            metadata["backbone"] = String(repeating: "0", count: 64)
            original = [Float](repeating: 0, count: 1280)
            metadata["sha256"] = FeatureCache.checksum(original)
            return ([1, 1280], original)
        }
        expectRecomputed(result, because: "another backbone")
    }

    @Test func anEntryWhoseRowsDoNotMatchItsFramesIsRecomputed() throws {
        let values = [Float](repeating: 0, count: 2 * 1280)
        let result = try forgeEntry { metadata in
            metadata["sha256"] = FeatureCache.checksum(values)
            return ([2, 1280], values)
        }
        expectRecomputed(result, because: "frame list")
    }

    @Test func anEntryWithNonFiniteValuesIsRecomputed() throws {
        let values = [Float](repeating: .nan, count: 1280)
        let result = try forgeEntry { metadata in
            metadata["sha256"] = FeatureCache.checksum(values)
            return ([1, 1280], values)
        }
        expectRecomputed(result, because: "finite")
    }

    @Test func anEntryWithAnOverflowingShapeIsRecomputed() throws {
        let computed = try extractor.features(of: .path(clip), sampling: .uniform(frames: 1))
        let entry = folder.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first))
        let header = Array(#"{"features":{"dtype":"F32","shape":[0,4611686018427387904,4611686018427387904],"data_offsets":[0,0]}}"#.utf8)
        let length = UInt64(header.count)
        try Data((0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header).write(to: entry)
        let again = try extractor.features(of: .path(clip), sampling: .uniform(frames: 1))
        expectRecomputed((computed, again), because: "impossibly large")
    }

    @Test func aDeeplyNestedPickleInPlaceOfAnEntryIsRecomputed() throws {
        let computed = try extractor.features(of: .path(clip), sampling: .uniform(frames: 1))
        let entry = folder.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first))
        try Data([0x80, 0x02, 0x29] + [UInt8](repeating: 0x85, count: 60_000) + [0x2E]).write(to: entry)
        let again = try extractor.features(of: .path(clip), sampling: .uniform(frames: 1))
        expectRecomputed((computed, again), because: "nested more than 1000 deep")
    }
}
