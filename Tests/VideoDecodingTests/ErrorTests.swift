import Foundation
import Testing
import VideoDecoding

/// Each bad input fails with its own `VideoError.Kind` and a one-sentence message.
@Suite struct ErrorTests {
    private func openError(_ input: VideoInput, options: DecoderOptions = .init()) -> VideoError? {
        do {
            _ = try VideoReader(input, options: options)
            return nil
        } catch {
            return error
        }
    }

    private func expectOneSentence(_ error: VideoError?) {
        guard let message = error?.message else { return }
        #expect(message.hasSuffix(".") && !message.contains("\n"), "not one sentence: \(message)")
    }

    @Test func missingFile() {
        let error = openError(.path("/nonexistent/dir/clip.mp4"))
        #expect(error?.kind == .fileNotFound)
        expectOneSentence(error)
    }

    @Test func directory() {
        let error = openError(.path(NSTemporaryDirectory()))
        #expect(error?.kind == .isDirectory)
        expectOneSentence(error)
    }

    @Test func emptyInputs() throws {
        #expect(openError(.path(try Fixture.path("empty.mp4")))?.kind == .emptyInput)
        #expect(openError(.bytes([]))?.kind == .emptyInput)
        #expect(openError(.source(ByteArraySource([], isSeekable: false)))?.kind == .emptyInput)
    }

    @Test func garbageIsNotAVideo() throws {
        let error = openError(.path(try Fixture.path("garbage.bin")))
        #expect(error?.kind == .notAVideo)
        expectOneSentence(error)
        #expect(
            openError(.source(ByteArraySource(try Fixture.bytes("garbage.bin"), isSeekable: false)))?.kind == .notAVideo
        )
    }

    @Test func audioOnlyHasNoVideoStream() throws {
        let error = openError(.path(try Fixture.path("audio_only.m4a")))
        #expect(error?.kind == .noVideoStream)
        expectOneSentence(error)
    }

    @Test func streamIndexMustNameAVideoStream() throws {
        let error = openError(
            .path(try Fixture.path("torchcodec_nasa_13013.mp4")), options: DecoderOptions(streamIndex: 1))
        #expect(error?.kind == .invalidArgument)
        #expect(
            openError(.path(try Fixture.path("torchcodec_nasa_13013.mp4")), options: DecoderOptions(threadCount: -1))?
                .kind == .invalidArgument)
    }

    @Test func headerCutShortIsTruncated() throws {
        let bytes = try Fixture.bytes("var_fps.mkv")
        #expect(openError(.source(ByteArraySource(Array(bytes.prefix(300)), isSeekable: false)))?.kind == .truncated)
        let moovAtEnd = try Fixture.bytes("torchcodec_var_fps_video.mp4")
        let error = openError(.bytes(Array(moovAtEnd.prefix(moovAtEnd.count / 2))))
        #expect(error?.kind == .truncated)
        expectOneSentence(error)
    }

    @Test func truncatedFileDecodesWhatExistsThenReportsTheCut() throws {
        let reader = try VideoReader(.path(Fixture.path("var_fps_truncated.mp4")))
        #expect(reader.report.isTruncated)
        #expect(reader.info.headerFrameCount == 300)
        var decoded = 0
        try reader.forEachFrame { _ in
            decoded += 1
            return true
        }
        #expect(decoded > 10 && decoded < 300)
        #expect(throws: VideoError.self) { try reader.readFrames(at: [299]) { _ in } }
        do {
            try reader.readFrames(at: [299]) { _ in }
        } catch let error as VideoError {
            #expect(error.kind == .truncated)
        }
    }

    @Test func failingSourceIsAnIOError() throws {
        final class FailingSource: ByteSource {
            struct Broken: Error {}
            var size: Int64? { nil }
            var isSeekable: Bool { false }
            func read(maxCount: Int) throws -> [UInt8] { throw Broken() }
            func seek(to offset: Int64) throws { throw Broken() }
        }
        #expect(openError(.source(FailingSource()))?.kind == .io)
    }

    @Test func outOfRangeRequests() throws {
        let reader = try VideoReader(.path(Fixture.path("torchcodec_h265_video.mp4")))
        for bad in [[10], [-1], [0, 3, 11]] {
            do {
                try reader.readFrames(at: bad) { _ in }
                Issue.record("frames \(bad) should be out of range")
            } catch let error as VideoError {
                #expect(error.kind == .frameOutOfRange)
            }
        }
        #expect(throws: VideoError.self) { try reader.frameIndices(atTimes: [100]) }
        #expect(throws: VideoError.self) { try reader.frameIndices(atTimes: [-1]) }
    }

    @Test func corruptedClipDecodesWithAReport() throws {
        let reader = try VideoReader(.path(Fixture.path("decord_corrupted.mp4")))
        var decoded = 0
        try reader.forEachFrame { frame in
            _ = try frame.rgbImage()
            decoded += 1
            return true
        }
        #expect(decoded == 49)
        #expect(reader.report.corruptPackets >= 1)
        #expect(reader.report.messages.contains { $0.hasPrefix("h264: Invalid NAL unit size") })
        // The packets promise 50 frames: meeting the damaged one, exact access numbers the frames as decoded.
        do {
            try reader.readFrames(at: Array(0..<50)) { _ in }
            Issue.record("reading all 50 frames should meet the damaged one")
        } catch let error as VideoError {
            #expect(error.kind == .framesRenumbered)
        }
        #expect(try reader.scanIndex().count == 49)
        var delivered: [Int] = []
        try reader.readFrames(at: Array(0..<49)) { delivered.append($0.index) }
        #expect(delivered == Array(0..<49))
        #expect(reader.report.messages.contains { $0.contains("holds 50 frames but only 49 decode") })
    }
}
