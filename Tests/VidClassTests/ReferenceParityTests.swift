import Foundation
import Testing
@testable import VidClass
import VideoDecoding

/// The whole pipeline against an independent reference: the numpy EfficientNet-Lite0 applied to the same frames
/// decoded by the ffmpeg CLI and resized by Pillow (scripts/make-e2e-goldens.py). Decoding is exact on both
/// sides; the resize differs (swscale vs Pillow bilinear), so probabilities agree to a small tolerance.
@Suite("end to end against the reference")
struct ReferenceParityTests {
    struct Golden: Decodable {
        struct Entry: Decodable {
            var label: String
            var classIndex: Int
            var probability: Double
        }
        var frameCount: Int
        var indices: [Int]
        var top5: [Entry]
    }

    static let goldens: [String: Golden] = {
        let data = try! Data(contentsOf: TestSupport.fixture("e2e-goldens.json"))
        return try! JSONDecoder().decode([String: Golden].self, from: data)
    }()

    @Test(arguments: ["flipping_a_pancake.mkv", "cleaning_a_pool.mp4"])
    func topFiveMatchesTheReference(clip: String) throws {
        let golden = try #require(Self.goldens[clip])
        let result = try TestSupport.classifier().classify(.path(TestSupport.sampleClip(clip)))
        #expect(result.video.frameCount == golden.frameCount)
        #expect(result.frames.map(\.index) == golden.indices)
        #expect(result.predictions.first?.label == golden.top5.first?.label)
        let ours = Dictionary(uniqueKeysWithValues: result.predictions.map { ($0.classIndex, Double($0.probability)) })
        let shared = golden.top5.filter { ours[$0.classIndex] != nil }
        #expect(shared.count >= 4, "top-5 differs: \(result.predictions.map(\.label)) vs \(golden.top5.map(\.label))")
        for entry in shared {
            #expect(abs(ours[entry.classIndex]! - entry.probability) < 0.01 + 0.1 * entry.probability, "\(entry.label)")
        }
    }

    @Test func bytesAndPathGiveTheSameResult() throws {
        let path = TestSupport.sampleClip("flipping_a_pancake.mkv")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let options = ClassifyOptions(sampling: .uniform(frames: 6))
        let fromPath = try TestSupport.classifier().classify(.path(path), options: options)
        let fromBytes = try TestSupport.classifier().classify(.bytes(bytes), options: options)
        // Bytes cannot be reopened by a second decoder, so one thread decodes them and the backbone splits each
        // frame across the compute threads instead: the same sums, split differently, round differently.
        #expect(fromPath.predictions.map(\.classIndex) == fromBytes.predictions.map(\.classIndex))
        for (a, b) in zip(fromPath.predictions, fromBytes.predictions) {
            #expect(abs(a.probability - b.probability) < 1e-5)
        }
    }

    /// A file runs the backbone on each frame on its decoding thread; a stream (longer than the pipe buffer, 0
    /// bytes here) decodes first and runs the backbone on the whole batch. The same frames (a strided clip longer
    /// than the video, so it starts at frame 0 on both) must give the same probabilities.
    @Test func embeddingWhileDecodingEqualsEmbeddingTheBatch() throws {
        let path = TestSupport.sampleClip("flipping_a_pancake.mkv")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var options = ClassifyOptions(sampling: .stride(frames: 11, step: 31, policy: .loop), decoderThreads: 2)
        let whileDecoding = try TestSupport.classifier().classify(.path(path), options: options)
        let stream = ByteArraySource(bytes, isSeekable: false)
        options.pipeBufferLimit = 0
        let afterDecoding = try TestSupport.classifier().classify(.source(stream), options: options)
        #expect(afterDecoding.approximate != nil)
        #expect(whileDecoding.frames.map(\.index) == afterDecoding.frames.map(\.index))
        #expect(whileDecoding.predictions.map(\.classIndex) == afterDecoding.predictions.map(\.classIndex))
        for (a, b) in zip(whileDecoding.predictions, afterDecoding.predictions) {
            #expect(abs(a.probability - b.probability) < 1e-5)
        }
    }

    /// With keyframe seeking, the 16 targets of the 310-frame pancake clip snap to its 3 keyframes: each keyframe
    /// goes through the backbone once, and every target gets the features exact access gives that keyframe.
    @Test func targetsOnOneKeyframeShareOnePassWithExactFeatures() throws {
        let bundle = try TestSupport.classifier().bundle
        let path = TestSupport.sampleClip("flipping_a_pancake.mkv")
        let pipeline = Pipeline(bundle: bundle, compute: .process)
        let snappedClip = try pipeline.embed(
            VideoReader(.path(path)), sampling: .uniform(frames: 16), seek: .keyframe, inputName: "pancake",
            keepPictures: false)
        let snapped = snappedClip.features
        let keyframes = Array(Set(snapped.frames.map(\.index))).sorted()
        #expect(keyframes.count == 3)
        #expect(snappedClip.backboneFrames == keyframes.count)
        let exact = try pipeline.embed(
            VideoReader(.path(path)), sampling: .indices(keyframes), seek: .exact, inputName: "pancake",
            keepPictures: false
        ).features
        let dimension = bundle.backbone.featureDimension
        for (row, frame) in snapped.frames.enumerated() {
            let position = keyframes.firstIndex(of: frame.index)!
            #expect(
                snapped.features.values[row * dimension..<(row + 1) * dimension]
                    == exact.features.values[position * dimension..<(position + 1) * dimension])
        }
    }
}
