import Foundation
import Testing
import VideoDecoding

/// Exact frame counts and presentation timestamps, including containers whose headers lie or say nothing.
@Suite struct FrameCountTests {
    @Test(
        arguments: [
            ("decord_flipping_a_pancake.mkv", 310, nil),
            ("moviepy_no_duration.webm", 74, nil),
            ("opencv_tree.avi", 68, 444),
            ("torchcodec_av1_video.mkv", 125, nil),
            ("torchcodec_h264_10bits.mp4", 30, 30),
            ("decord_unordered.mov", 4, 4),
        ] as [(String, Int, Int?)])
    func indexCountsEveryFrame(video: String, frames: Int, header: Int?) throws {
        let reader = try VideoReader(.path(Fixture.path(video)))
        #expect(reader.info.headerFrameCount == header)
        #expect(try reader.scanIndex().count == frames)
        var decoded = 0
        try reader.forEachFrame { frame in
            #expect(frame.index == decoded)
            decoded += 1
            return true
        }
        #expect(decoded == frames)
    }

    @Test func variableFrameRateTimestampsMatchFFprobe() throws {
        struct Entry: Decodable {
            var presentationTime: String
            enum CodingKeys: String, CodingKey { case presentationTime = "pts_time" }
        }
        let expected = try JSONDecoder().decode(
            [Entry].self, from: Data(Fixture.bytes("var_fps_video.mp4.stream0.all_frames_info.json"))
        )
        .map { Double($0.presentationTime)! }
        let reader = try VideoReader(.path(Fixture.path("torchcodec_var_fps_video.mp4")))
        let index = try reader.scanIndex()
        #expect(index.count == expected.count)
        #expect(index.isVariableFrameRate)
        for (got, want) in zip(index.timestamps, expected) {
            #expect(abs(got - want) < 1e-6)
        }
        var decodedTimes: [Double] = []
        try reader.forEachFrame {
            decodedTimes.append($0.timestamp)
            return true
        }
        #expect(decodedTimes == index.timestamps)
    }

    @Test func bFramesWithNegativeDTSAreInPresentationOrder() throws {
        let reader = try VideoReader(.path(Fixture.path("decord_unordered.mov")))
        #expect(try reader.scanIndex().timestamps == [0.0, 0.03125, 0.0625, 0.09375])
        var times: [Double] = []
        try reader.readFrames(at: [3, 1, 2, 0, 3]) { times.append($0.timestamp) }
        #expect(times == [0.0, 0.03125, 0.0625, 0.09375])
    }

    @Test func constantFrameRateIsNotFlaggedVariable() throws {
        let reader = try VideoReader(.path(Fixture.path("decord_flipping_a_pancake.mkv")))
        let index = try reader.scanIndex()
        #expect(!index.isVariableFrameRate)
        #expect(index.timestamps.prefix(5).map { ($0 * 1000).rounded() / 1000 } == [0.0, 0.033, 0.067, 0.1, 0.133])
    }

    @Test func noDurationWebMHasNoDuration() throws {
        let reader = try VideoReader(.path(Fixture.path("moviepy_no_duration.webm")))
        #expect(reader.info.duration == nil)
        #expect(reader.info.codec == "vp9")
    }

    @Test func metadataOfTenBitAndFullRangeClips() throws {
        let tenBit = try VideoReader(.path(Fixture.path("torchcodec_h264_10bits.mp4"))).info
        #expect(tenBit.bitDepth == 10 && tenBit.pixelFormat == "yuv420p10le")
        let fullRange = try VideoReader(.path(Fixture.path("torchcodec_bt709_full_range.mp4"))).info
        #expect(fullRange.colorRange == "pc" && fullRange.colorSpace == "bt709")
        #expect(fullRange.width == 1280 && fullRange.height == 720 && fullRange.headerFrameCount == 30)
    }

    @Test(arguments: [(0, 568, 320), (90, 320, 568), (180, 568, 320), (270, 320, 568)])
    func rotationGivesDisplaySize(degrees: Int, width: Int, height: Int) throws {
        let reader = try VideoReader(.path(Fixture.path("decord_video_\(degrees).mov")))
        #expect(reader.info.rotation == degrees)
        #expect(reader.info.width == width && reader.info.height == height)
        #expect(reader.info.codedWidth == 568 && reader.info.codedHeight == 320)
        var size: (Int, Int)?
        try reader.readFrames(at: [0]) {
            let image = try $0.rgbImage()
            size = (image.width, image.height)
        }
        #expect(size.map { $0 == (width, height) } == true)
        let unrotated = try VideoReader(
            .path(Fixture.path("decord_video_\(degrees).mov")), options: DecoderOptions(applyRotation: false))
        #expect(unrotated.info.width == 568 && unrotated.info.height == 320)
    }
}
