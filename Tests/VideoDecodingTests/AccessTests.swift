import Testing
@testable import VideoDecoding

/// Random access gives the same pictures as sequential decoding; keyframe mode snaps to keyframes.
@Suite struct AccessTests {
    private func sequentialFrames(_ name: String, at wanted: Set<Int>) throws -> [Int: RGBImage] {
        var images: [Int: RGBImage] = [:]
        try VideoReader(.path(Fixture.path(name))).forEachFrame { frame in
            if wanted.contains(frame.index) { images[frame.index] = try frame.rgbImage() }
            return true
        }
        return images
    }

    @Test(arguments: ["decord_flipping_a_pancake.mkv", "torchcodec_h265_video.mp4", "torchcodec_nasa_13013.mp4"])
    func exactAccessMatchesSequentialDecode(name: String) throws {
        let reader = try VideoReader(.path(Fixture.path(name)))
        let count = try reader.scanIndex().count
        let wanted = [count - 1, 5, count / 2, count / 2 + 1, 5, 0, count / 3]
        var order: [Int] = []
        var images: [Int: RGBImage] = [:]
        try reader.readFrames(at: wanted) { frame in
            #expect(frame.index == frame.requestedIndex)
            order.append(frame.index)
            images[frame.index] = try frame.rgbImage()
        }
        #expect(order == Array(Set(wanted)).sorted())
        #expect(images == (try sequentialFrames(name, at: Set(wanted))))
        var again: RGBImage?
        try reader.readFrames(at: [1]) { again = try $0.rgbImage() }
        #expect(again == (try sequentialFrames(name, at: [1]))[1])
    }

    @Test func keyframeModeSnapsToNearestKeyframe() throws {
        let name = "decord_flipping_a_pancake.mkv"
        let reader = try VideoReader(.path(Fixture.path(name)))
        let index = try reader.scanIndex()
        #expect(index.keyframes.count > 1)
        let wanted = [0, 100, 200, 309]
        var served: [Int: Int] = [:]
        var images: [Int: RGBImage] = [:]
        try reader.readFrames(at: wanted, mode: .keyframe) { frame in
            #expect(frame.isKeyframe)
            served[frame.requestedIndex] = frame.index
            images[frame.index] = try frame.rgbImage()
        }
        #expect(served.keys.sorted() == wanted)
        for (request, keyframe) in served {
            #expect(index.keyframes.contains(keyframe))
            let distance = abs(keyframe - request)
            #expect(index.keyframes.allSatisfy { abs($0 - request) >= distance })
        }
        #expect(images == (try sequentialFrames(name, at: Set(served.values))))
        var exact: [Int: RGBImage] = [:]
        try reader.readFrames(at: [150, 1]) { exact[$0.index] = try $0.rgbImage() }
        #expect(exact == (try sequentialFrames(name, at: [1, 150])))
    }

    /// Each keyframe's packet is the last one sent before its seek: the decoder drains it at once instead of
    /// holding it back for reordering until more packets (up to the next keyframe) were sent and decoded.
    @Test(arguments: ["decord_flipping_a_pancake.mkv", "torchcodec_h265_video.mp4"])
    func keyframeAccessSendsOnlyTheWantedKeyframes(name: String) throws {
        let reader = try VideoReader(.path(Fixture.path(name)))
        let keyframes = try reader.scanIndex().keyframes
        #expect(keyframes.count > 2)
        let sentByTheScan = reader.packetsSent
        var served: [Int] = []
        try reader.readFrames(at: keyframes, mode: .keyframe) { served.append($0.index) }
        #expect(served == keyframes)
        #expect(reader.packetsSent - sentByTheScan == keyframes.count)
    }

    /// Exact access drains after the last target of each GOP; frames around B-frame reordering still come out
    /// right.
    @Test func exactAccessAcrossReorderedGOPsMatchesSequentialDecoding() throws {
        let name = "torchcodec_h265_video.mp4"
        let wanted: Set = [1, 2, 4, 5, 8, 9]
        var frames: [Int: RGBImage] = [:]
        try VideoReader(.path(Fixture.path(name))).readFrames(at: wanted.sorted()) { frames[$0.index] = try $0.rgbImage() }
        #expect(frames == (try sequentialFrames(name, at: wanted)))
    }

    /// A call whose last target ends a GOP leaves the decoder there; the next call goes on into the next GOP
    /// (a helper decoder taking two GOPs in a row does exactly this).
    @Test func aLaterCallContinuesIntoTheNextGOP() throws {
        let name = "decord_flipping_a_pancake.mkv"
        let reader = try VideoReader(.path(Fixture.path(name)), options: DecoderOptions(threadCount: 1))
        #expect(try reader.scanIndex().keyframes.contains(150))
        var frames: [Int: RGBImage] = [:]
        try reader.readFrames(at: [149]) { frames[$0.index] = try $0.rgbImage() }
        try reader.readFrames(at: [150, 151]) { frames[$0.index] = try $0.rgbImage() }
        #expect(frames == (try sequentialFrames(name, at: [149, 150, 151])))
    }

    /// After a seek to an open GOP's I-picture (a recovery point, not an IDR picture), FFmpeg drops the pictures
    /// it decoded before outputting the I-picture if it is drained then; each frame just after the I-picture,
    /// read alone, must still arrive, as sequential decoding shows it.
    @Test func aFrameJustAfterAnOpenGOPsIPictureArrivesAlone() throws {
        let name = "x264_open_gop.mp4"
        let index = try VideoReader(.path(Fixture.path(name))).scanIndex()
        let keyframe = try #require(index.keyframes.first { $0 > 0 })
        let wanted = Array((keyframe + 1)...(keyframe + 4))
        let expected = try sequentialFrames(name, at: Set(wanted))
        for target in wanted {
            let reader = try VideoReader(.path(Fixture.path(name)))
            var got: [Int: RGBImage] = [:]
            try reader.readFrames(at: [target]) { got[$0.index] = try $0.rgbImage() }
            #expect(got.keys.sorted() == [target])
            let matches = got[target] == expected[target]
            #expect(matches, "frame \(target) differs from sequential decoding")
        }
    }

    @Test func timesSelectTheFrameFFmpegSeeksTo() throws {
        let reader = try VideoReader(.path(Fixture.path("torchcodec_nasa_13013.mp4")))
        #expect(try reader.frameIndices(atTimes: [0, 6.0, 6.1, 10.0, 12.979633]) == [0, 180, 183, 300, 389])
    }
}
