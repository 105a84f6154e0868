import Foundation
import Testing
import VideoDecoding

/// Non-seekable inputs: streaming containers decode exactly as from a file; moov-at-end MP4 is refused.
@Suite struct PipeTests {
    /// Every frame's timestamp and a checksum of its RGB pixels, decoded sequentially. Timestamps are compared
    /// within 0.5 ms because Matroska stores them in milliseconds.
    private func fingerprint(_ reader: VideoReader) throws -> [(Double, Int)] {
        var result: [(Double, Int)] = []
        try reader.forEachFrame { frame in
            let pixels = try frame.rgbImage().pixels
            result.append(
                (frame.timestamp, pixels.enumerated().reduce(0) { $0 &+ Int($1.element) &* ($1.offset % 251 + 1) }))
            return true
        }
        return result
    }

    @Test(arguments: ["var_fps.mkv", "var_fps.nut", "var_fps_frag.mp4"])
    func streamingContainersMatchTheFile(name: String) throws {
        let reference = try fingerprint(VideoReader(.path(Fixture.path("torchcodec_var_fps_video.mp4"))))
        #expect(reference.count == 300)
        let pipe = try VideoReader(.source(ByteArraySource(Fixture.bytes(name), isSeekable: false)))
        #expect(!pipe.info.isSeekable)
        let piped = try fingerprint(pipe)
        #expect(piped.count == reference.count)
        #expect(zip(piped, reference).allSatisfy { abs($0.0 - $1.0) <= 0.0005 && $0.1 == $1.1 })
    }

    @Test func pipeAccessByIndexIsOneForwardPass() throws {
        let bytes = try Fixture.bytes("var_fps.mkv")
        let expected = try Fixture.frames("torchcodec_var_fps_video.mp4", at: [3, 30, 299])
        let pipe = try VideoReader(.source(ByteArraySource(bytes, isSeekable: false)))
        var images: [Int: RGBImage] = [:]
        try pipe.readFrames(at: [299, 3, 30, 3]) { images[$0.requestedIndex] = try $0.rgbImage() }
        #expect(images == expected)
        #expect(throws: VideoError.self) { try pipe.forEachFrame { _ in true } }
        #expect(throws: VideoError.self) { try pipe.scanIndex() }
    }

    @Test func pipeEndingEarlyIsOutOfRange() throws {
        let pipe = try VideoReader(.source(ByteArraySource(Fixture.bytes("var_fps.mkv"), isSeekable: false)))
        do {
            try pipe.readFrames(at: [400]) { _ in }
            Issue.record("frame 400 of a 300-frame pipe should fail")
        } catch let error as VideoError {
            #expect(error.kind == .frameOutOfRange)
        }
    }

    @Test(arguments: ["torchcodec_nasa_13013.mp4", "torchcodec_var_fps_video.mp4"])
    func moovAtEndOnAPipeIsRefused(name: String) throws {
        do {
            _ = try VideoReader(.source(ByteArraySource(Fixture.bytes(name), isSeekable: false)))
            Issue.record("a moov-at-end MP4 on a pipe should be refused")
        } catch let error as VideoError {
            #expect(error.kind == .pipeNeedsStreamableFormat)
            #expect(error.message.contains("matroska") && error.message.contains("frag_keyframe"))
        }
    }

    static let ffmpegPath = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: ffmpegPath != nil, "needs the ffmpeg CLI"))
    func realPipeFromFFmpeg() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.ffmpegPath))
        process.arguments = [
            "-nostdin", "-loglevel", "error", "-i", try Fixture.path("torchcodec_var_fps_video.mp4"), "-c", "copy",
            "-f", "matroska", "-",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer { process.waitUntilExit() }
        let source = FileDescriptorSource(descriptor: pipe.fileHandleForReading.fileDescriptor)
        let piped = try fingerprint(VideoReader(.source(source)))
        let reference = try fingerprint(VideoReader(.path(Fixture.path("torchcodec_var_fps_video.mp4"))))
        #expect(piped.count == 300)
        #expect(zip(piped, reference).allSatisfy { abs($0.0 - $1.0) <= 0.0005 && $0.1 == $1.1 })
    }
}
