import CFFmpeg
import Testing
@testable import VideoDecoding

/// The shims in `CFFmpeg/shim.h` that hide API differences between FFmpeg versions (5.1 to 9.0) give the same
/// answers on whichever version the package was built with: one test per difference.
@Suite struct FFmpegVersionTests {
    /// Key-frame flag (`AVFrame.key_frame` before FFmpeg 6.1, `AV_FRAME_FLAG_KEY` after): on a closed-GOP stream,
    /// the decoded frames flagged as keyframes are exactly the frames whose packets the demuxer flags, frame 0 first.
    @Test func decodedKeyframesAreTheIndexKeyframes() throws {
        let reader = try VideoReader(.path(Fixture.path("x264_veryfast_gop60.mp4")))
        let indexed = try reader.scanIndex().keyframes
        var decoded: [Int] = []
        try reader.forEachFrame { frame in
            if frame.isKeyframe { decoded.append(frame.index) }
            return true
        }
        #expect(decoded.first == 0)
        #expect(decoded.count > 1)
        #expect(decoded == indexed)
    }

    /// Display matrix (stream side data before FFmpeg 6.1, the codec parameters' coded side data after): present on
    /// rotated clips, read as the rotation the file was written with.
    @Test(arguments: [("decord_video_90.mov", -90.0, 90), ("decord_video_270.mov", 90.0, 270)])
    func displayMatrixGivesRotation(name: String, counterClockwise: Double, clockwise: Int) throws {
        var format: UnsafeMutablePointer<AVFormatContext>?
        #expect(avformat_open_input(&format, try Fixture.path(name), nil, nil) == 0)
        defer { avformat_close_input(&format) }
        let context = try #require(format)
        #expect(context.pointee.nb_streams == 1)
        let stream = try #require(context.pointee.streams[0])
        let matrix = try #require(cffmpeg_stream_display_matrix(stream))
        #expect(av_display_rotation_get(matrix) == counterClockwise)
        #expect(try VideoReader(.path(Fixture.path(name))).info.rotation == clockwise)
    }

    /// An unrotated clip has no matrix or the identity: rotation 0 either way.
    @Test func unrotatedClipHasNoRotation() throws {
        #expect(try VideoReader(.path(Fixture.path("decord_video_0.mov"))).info.rotation == 0)
    }

    /// Scaler context (opaque before FFmpeg 8.0, a public struct after) and flags (`int` macros before 8.0,
    /// `enum SwsFlags` after): set up through AVOptions, both conversion calls turn limited-range black, mid-grey and
    /// white into the RGB values BT.601 gives them.
    @Test func scalerConvertsThroughTheShims() throws {
        let width: Int32 = 64
        let height: Int32 = 48
        let source = try Frame()
        source.pointer.pointee.width = width
        source.pointer.pointee.height = height
        source.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        #expect(av_frame_get_buffer(source.pointer, 0) == 0)
        // Three horizontal bands of luma 16, 126 and 235 (black, mid-grey, white); neutral chroma.
        let picture = source.pointer.pointee
        for y in 0..<Int(height) {
            let luma: UInt8 = y < 16 ? 16 : y < 32 ? 126 : 235
            for x in 0..<Int(width) { picture.data.0![y * Int(picture.linesize.0) + x] = luma }
        }
        for plane in [picture.data.1!, picture.data.2!] {
            for y in 0..<Int(height / 2) {
                for x in 0..<Int(width / 2) { plane[y * Int(picture.linesize.1) + x] = 128 }
            }
        }

        let scaler = try Scaler(
            Scaler.Geometry(
                sourceWidth: width, sourceHeight: height, sourceFormat: AV_PIX_FMT_YUV420P, width: width,
                height: height, flags: cffmpeg_scaler_bicubic()))
        let slices = PixelBuffer()
        slices.reserve(width: Int(width), height: Int(height))
        try scaler.scale(source, into: slices)
        let whole = try Frame()
        whole.pointer.pointee.width = width
        whole.pointer.pointee.height = height
        whole.pointer.pointee.format = AV_PIX_FMT_RGB24.rawValue
        try scaler.scale(source, into: whole)

        let expected: [(row: Int, value: UInt8)] = [(4, 0), (24, 128), (44, 255)]
        for (row, value) in expected {
            for x in [0, 31, 63] {
                for channel in 0..<3 {
                    let slice = slices.bytes[row * slices.stride + x * 3 + channel]
                    let output = whole.pointer.pointee
                    let frame = output.data.0![row * Int(output.linesize.0) + x * 3 + channel]
                    #expect(slice == value, "slice call, row \(row), column \(x)")
                    #expect(frame == value, "frame call, row \(row), column \(x)")
                }
            }
        }
    }

    /// The flag values themselves: distinct single bits, as swscale defines them on every version.
    @Test func scalerFlagsAreSwscaleBits() {
        #expect(cffmpeg_scaler_bilinear() == 2)
        #expect(cffmpeg_scaler_bicubic() == 4)
    }
}
