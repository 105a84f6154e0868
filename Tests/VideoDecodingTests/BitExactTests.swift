import Foundation
import Testing
import VideoDecoding

/// Native-size RGB24 output must equal the ffmpeg CLI's (`-pix_fmt rgb24`) byte for byte.
@Suite struct BitExactTests {
    @Test(arguments: [
        ("torchcodec_nasa_13013.mp4", 0, 0, "nasa_13013.mp4.stream0.frame000000.png"),
        ("torchcodec_nasa_13013.mp4", 3, 0, "nasa_13013.mp4.stream3.frame000000.png"),
        ("torchcodec_nasa_13013.mp4", 3, 35, "nasa_13013.mp4.stream3.frame000035.png"),
        ("torchcodec_nasa_13013.mp4", 3, 389, "nasa_13013.mp4.stream3.frame000389.png"),
        ("torchcodec_var_fps_video.mp4", 0, 0, "var_fps_video.mp4.stream0.frame000000.png"),
        ("torchcodec_var_fps_video.mp4", 0, 30, "var_fps_video.mp4.stream0.frame000030.png"),
        ("torchcodec_var_fps_video.mp4", 0, 60, "var_fps_video.mp4.stream0.frame000060.png"),
        ("torchcodec_h265_video.mp4", 0, 5, "h265_video.mp4.stream0.frame000005.png"),
        ("torchcodec_av1_video.mkv", 0, 10, "av1_video.mkv.stream0.frame000010.png"),
        ("torchcodec_h264_10bits.mp4", 0, 7, "golden_10bit_n7.png"),
        ("decord_video_90.mov", 0, 1, "golden_rot90_n1.png"),
    ])
    func frameMatchesReference(video: String, stream: Int, frame: Int, reference: String) throws {
        let expected = try Fixture.image(reference)
        let decoded = try #require(
            try Fixture.frames(video, at: [frame], options: DecoderOptions(streamIndex: stream))[frame])
        #expect(decoded.width == expected.width && decoded.height == expected.height)
        let diff = difference(decoded, expected)
        #expect(diff.count == 0, "\(diff.count) bytes differ, largest by \(diff.largest)")
    }

    @Test func bestStreamIsTheLargestNasaStream() throws {
        let reader = try VideoReader(.path(Fixture.path("torchcodec_nasa_13013.mp4")))
        #expect(reader.info.streamIndex == 3)
        #expect(reader.info.width == 480 && reader.info.height == 270)
    }

    @Test func frameByTimeMatchesCLISeek() throws {
        let reader = try VideoReader(.path(Fixture.path("torchcodec_nasa_13013.mp4")))
        let expected = try Fixture.image("nasa_13013.mp4.time6.000000.png")
        var decoded: RGBImage?
        try reader.readFrames(atTimes: [6.0]) { decoded = try $0.rgbImage() }
        let diff = difference(try #require(decoded), expected)
        #expect(diff.count == 0, "\(diff.count) bytes differ, largest by \(diff.largest)")
    }

    @Test func fullRangeBT709HonoursRangeAndMatrix() throws {
        let expected = try Fixture.image("golden_bt709_full_n5_crop.png")
        let frame = try #require(try Fixture.frames("torchcodec_bt709_full_range.mp4", at: [5])[5])
        let diff = difference(frame.cropped(x: 600, y: 300, width: 64, height: 64), expected)
        #expect(diff.count == 0, "\(diff.count) bytes differ, largest by \(diff.largest)")
    }

    /// At some widths (340 here) swscale's older slice call left the last pixels of each row unwritten at native
    /// size, so they showed whatever the buffer held before: they must match the CLI, and so be the same from
    /// every reader, however often its buffer was used before.
    @Test func lastPixelsOfRowsMatchTheCLIFromEveryReader() throws {
        let expected = try Fixture.image("golden_pool_right_edge_n12.png")
        for _ in 0..<3 {
            let reader = try VideoReader(.path(Fixture.sampleClip("cleaning_a_pool.mp4")))
            var edges: [RGBImage] = []
            try reader.readFrames(at: [3, 12]) { frame in
                let image = try frame.rgbImage()
                if frame.index == 12 { edges.append(image.cropped(x: 300, y: 0, width: 40, height: 256)) }
            }
            let diff = difference(try #require(edges.first), expected)
            #expect(diff.count == 0, "\(diff.count) bytes differ, largest by \(diff.largest)")
        }
    }

    @Test func pngRoundTripsThroughTheEncoder() throws {
        let image = try Fixture.image("h265_video.mp4.stream0.frame000005.png")
        let png = try image.pngData()
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vidclass-roundtrip-\(UUID().uuidString).png")
        try Data(png).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        #expect(try RGBImage(contentsOf: path.path) == image)
    }
}
