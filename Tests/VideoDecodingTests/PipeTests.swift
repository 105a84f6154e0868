import Foundation
import Synchronization
import Testing
import VideoDecoding

/// Non-seekable inputs: within the pipe buffer a pipe reads exactly like the same bytes in a file, whatever the
/// container; past it the stream is decoded once, front to back, and a moov-at-end MP4 is refused.
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

    /// A pipe carrying `bytes` (never seekable).
    private func pipe(_ bytes: [UInt8], limit: Int = DecoderOptions.defaultPipeBufferLimit) throws -> VideoReader {
        try VideoReader(.source(ByteArraySource(bytes, isSeekable: false)), options: DecoderOptions(pipeBufferLimit: limit))
    }

    /// The pipe carrying the file at `path` has the file's frame index and, at 16 uniform indices, its frames.
    private func expectPipeEqualsFile(_ path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let file = try VideoReader(.path(path))
        let piped = try pipe(bytes)
        #expect(piped.access == .bufferedPipe(byteCount: bytes.count))
        #expect(piped.info.isSeekable)
        #expect(piped.info == file.info)
        let index = try file.scanIndex()
        #expect(try piped.scanIndex() == index)
        #expect(index.count > 16)
        let indices = (0..<16).map { (2 * $0 + 1) * index.count / 32 }
        var expected: [Int: RGBImage] = [:]
        try file.readFrames(at: indices) { expected[$0.requestedIndex] = try $0.rgbImage() }
        var images: [Int: RGBImage] = [:]
        try piped.readFrames(at: indices) { images[$0.requestedIndex] = try $0.rgbImage() }
        #expect(images.count == 16)
        #expect(images == expected, "\(path)")
    }

    @Test(arguments: [
        "var_fps.mkv", "var_fps_frag.mp4", "torchcodec_var_fps_video.mp4", "torchcodec_nasa_13013.mp4",
        "opencv_tree.avi", "moviepy_no_duration.webm", "var_fps.nut",
    ])
    func pipeWithinTheBufferReadsLikeTheFile(name: String) throws {
        try expectPipeEqualsFile(Fixture.path(name))
    }

    @Test(.enabled(if: MediaMaker.ffmpegPath != nil, "needs the ffmpeg CLI"))
    func gifAndRawStreamsOnAPipeReadLikeTheFile() throws {
        let folder = try MediaMaker.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["clip.gif", "clip.h264", "clip.hevc"] {
            let path = folder.appendingPathComponent(name).path
            try MediaMaker.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=96x64:rate=10", "-t", "4", "-g", "12", path])
            try expectPipeEqualsFile(path)
        }
    }

    @Test(arguments: ["var_fps.mkv", "var_fps.nut", "var_fps_frag.mp4"], [0, DecoderOptions.defaultPipeBufferLimit])
    func streamingContainersMatchTheFile(name: String, limit: Int) throws {
        let reference = try fingerprint(VideoReader(.path(Fixture.path("torchcodec_var_fps_video.mp4"))))
        #expect(reference.count == 300)
        let piped = try pipe(Fixture.bytes(name), limit: limit)
        #expect(piped.access.isStreamed == (limit == 0))
        let frames = try fingerprint(piped)
        #expect(frames.count == reference.count)
        #expect(zip(frames, reference).allSatisfy { abs($0.0 - $1.0) <= 0.0005 && $0.1 == $1.1 })
    }

    @Test func streamPastTheBufferIsOneForwardPass() throws {
        let bytes = try Fixture.bytes("var_fps.mkv")
        let expected = try Fixture.frames("torchcodec_var_fps_video.mp4", at: [3, 30, 299])
        let piped = try pipe(bytes, limit: 4096)
        #expect(piped.access == .streamedPipe(bufferLimit: 4096))
        #expect(!piped.info.isSeekable)
        var images: [Int: RGBImage] = [:]
        try piped.readFrames(at: [299, 3, 30, 3]) { images[$0.requestedIndex] = try $0.rgbImage() }
        #expect(images == expected)
        #expect(throws: VideoError.self) { try piped.forEachFrame { _ in true } }
        #expect(throws: VideoError.self) { try piped.scanIndex() }
    }

    @Test(arguments: [4096, DecoderOptions.defaultPipeBufferLimit])
    func pipeEndingEarlyIsOutOfRange(limit: Int) throws {
        let piped = try pipe(Fixture.bytes("var_fps.mkv"), limit: limit)
        do {
            try piped.readFrames(at: [400]) { _ in }
            Issue.record("frame 400 of a 300-frame pipe should fail")
        } catch let error as VideoError {
            #expect(error.kind == .frameOutOfRange)
        }
    }

    @Test(arguments: ["torchcodec_nasa_13013.mp4", "torchcodec_var_fps_video.mp4"])
    func moovAtEndPastTheBufferIsRefused(name: String) throws {
        do {
            _ = try pipe(Fixture.bytes(name), limit: 1024)
            Issue.record("a moov-at-end MP4 longer than the pipe buffer should be refused")
        } catch let error as VideoError {
            #expect(error.kind == .pipeNeedsStreamableFormat)
            #expect(error.message.contains("1 KiB pipe buffer"))
            #expect(error.message.contains("matroska") && error.message.contains("frag_keyframe"))
        }
    }

    /// After the frames it needs, a stream past the buffer is read to its end on request, so the program writing
    /// it is not cut off.
    @Test func restOfAStreamIsDiscarded() throws {
        let source = CountingSource(try Fixture.bytes("var_fps.mkv"))
        let reader = try VideoReader(.source(source), options: DecoderOptions(pipeBufferLimit: 4096))
        try reader.readFrames(at: [2]) { _ in }
        #expect(source.delivered < source.total)
        reader.discardRestOfInput()
        #expect(source.delivered == source.total)
        #expect(reader.report.messages.isEmpty)
    }

    /// A producer that never stops is read only until the deadline; the report says the rest was left unread.
    @Test func discardingStopsAtTheDeadline() throws {
        let source = CountingSource(try Fixture.bytes("var_fps.mkv"), endless: true)
        let options = DecoderOptions(deadline: .now + .seconds(2), pipeBufferLimit: 4096)
        let reader = try VideoReader(.source(source), options: options)
        try reader.readFrames(at: [2]) { _ in }
        reader.discardRestOfInput()
        #expect(ContinuousClock.now >= options.deadline!)
        #expect(source.delivered > source.total)
        #expect(reader.report.messages.contains { $0.contains("left unread") })
    }

    @Test func bufferedPipeIsSharedWithParallelDecoders() throws {
        let piped = try pipe(Fixture.bytes("var_fps.mkv"))
        let indices = [5, 77, 150, 222, 290]
        let expected = try Fixture.frames("var_fps.mkv", at: indices)
        let delivered = Mutex<(images: [Int: RGBImage], workers: Set<Int>)>(([:], []))
        try piped.readFramesInParallel(at: indices, decoders: 2) { frame, worker in
            let image = try frame.rgbImage()
            delivered.withLock {
                $0.images[frame.requestedIndex] = image
                $0.workers.insert(worker.count)
            }
        }
        #expect(delivered.withLock { $0.images } == expected)
        #expect(delivered.withLock { $0.workers } == [2])
    }

    @Test(.enabled(if: MediaMaker.ffmpegPath != nil, "needs the ffmpeg CLI"))
    func realPipeFromFFmpeg() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(MediaMaker.ffmpegPath))
        process.arguments = [
            "-nostdin", "-loglevel", "error", "-i", try Fixture.path("torchcodec_var_fps_video.mp4"), "-c", "copy",
            "-f", "matroska", "-",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.waitUntilExit() }
        let source = FileDescriptorSource(descriptor: output.fileHandleForReading.fileDescriptor)
        let piped = try fingerprint(VideoReader(.source(source)))
        let reference = try fingerprint(VideoReader(.path(Fixture.path("torchcodec_var_fps_video.mp4"))))
        #expect(piped.count == 300)
        #expect(zip(piped, reference).allSatisfy { abs($0.0 - $1.0) <= 0.0005 && $0.1 == $1.1 })
    }
}

/// A pipe over `bytes` that counts what it delivered; an `endless` one then delivers zeros forever. Unchecked
/// `Sendable`: each test reads it from one reader and looks at the count only after the reader is done.
private final class CountingSource: ByteSource, @unchecked Sendable {
    private let bytes: [UInt8]
    private let endless: Bool
    private(set) var delivered = 0
    var total: Int { bytes.count }

    init(_ bytes: [UInt8], endless: Bool = false) {
        self.bytes = bytes
        self.endless = endless
    }

    var size: Int64? { nil }
    var isSeekable: Bool { false }

    func read(maxCount: Int) throws -> [UInt8] {
        if endless, delivered >= bytes.count {
            delivered += maxCount
            return [UInt8](repeating: 0, count: maxCount)
        }
        let end = min(bytes.count, delivered + maxCount)
        defer { delivered = end }
        return Array(bytes[delivered..<end])
    }

    func seek(to offset: Int64) throws {
        throw VideoError(.invalidArgument, "A pipe cannot seek.")
    }
}
