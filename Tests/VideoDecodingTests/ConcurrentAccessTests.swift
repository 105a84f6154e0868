import Synchronization
import Testing

@testable import VideoDecoding

/// Exact access by several decoders on disjoint runs of GOPs gives the same pictures as one decoder, each
/// requested frame exactly once, and never calls back concurrently.
@Suite struct ConcurrentAccessTests {
    @Test(arguments: ["decord_flipping_a_pancake.mkv", "torchcodec_nasa_13013.mp4", "torchcodec_h265_video.mp4"], [2, 3])
    func severalDecodersGiveTheSamePicturesAsOne(name: String, decoders: Int) throws {
        let reader = try VideoReader(.path(Fixture.path(name)))
        let count = try reader.scanIndex().count
        let wanted = [count - 1, 5, count / 2, count / 2 + 1, 5, 0, count / 3, 2 * count / 3]
        var images: [Int: RGBImage] = [:]
        var deliveries = 0
        var inside = false
        try reader.readFramesConcurrently(at: wanted, decoders: decoders) { frame in
            #expect(!inside, "two callbacks ran at once")
            inside = true
            defer { inside = false }
            #expect(frame.index == frame.requestedIndex)
            images[frame.requestedIndex] = try frame.rgbImage()
            deliveries += 1
        }
        #expect(deliveries == Set(wanted).count)
        #expect(images == (try Fixture.frames(name, at: wanted)))
    }

    @Test func keyframeModeServesTheSameKeyframesAsOneDecoder() throws {
        let path = try Fixture.path("decord_flipping_a_pancake.mkv")
        let wanted = [0, 100, 140, 200, 290, 309]
        var expected: [Int: (Int, RGBImage)] = [:]
        try VideoReader(.path(path)).readFrames(at: wanted, mode: .keyframe) { expected[$0.requestedIndex] = ($0.index, try $0.rgbImage()) }
        var served: [Int: (Int, RGBImage)] = [:]
        try VideoReader(.path(path)).readFramesConcurrently(at: wanted, mode: .keyframe, decoders: 2) { frame in
            #expect(served[frame.requestedIndex] == nil)
            served[frame.requestedIndex] = (frame.index, try frame.rgbImage())
        }
        #expect(served.keys.sorted() == wanted)
        for target in wanted {
            #expect(served[target]?.0 == expected[target]?.0)
            #expect(served[target]?.1 == expected[target]?.1)
        }
    }

    @Test func targetsAreGroupedByTheKeyframeTheyAreDecodedFrom() throws {
        let index = FrameIndex(
            timestamps: (0..<400).map { Double($0) / 25 }, keyframes: [0, 100, 200, 300], isVariableFrameRate: false)
        let targets = [10, 20, 90, 150, 160, 250, 399]
        #expect(VideoReader.gopGroups(targets, index: index, mode: .exact) == [[10, 20, 90], [150, 160], [250], [399]])
        // Keyframe mode: 90 snaps to 100 and 160 to 200, so each keyframe is decoded by one worker only.
        #expect(VideoReader.gopGroups(targets, index: index, mode: .keyframe) == [[10, 20], [90, 150], [160, 250], [399]])
    }

    @Test func workersTakeTheLongestGOPsFirst() throws {
        let index = FrameIndex(
            timestamps: (0..<400).map { Double($0) / 25 }, keyframes: [0, 100, 200, 300], isVariableFrameRate: false)
        let groups = VideoReader.gopGroups([10, 20, 150, 190, 250, 330, 399], index: index, mode: .exact)
        // Spans from each group's keyframe to its last target: 21, 91, 51 and 100 frames.
        #expect(VideoReader.longestFirst(groups, index: index, mode: .exact) == [[330, 399], [150, 190], [250], [10, 20]])
        let keyframeGroups = VideoReader.gopGroups([10, 150, 399], index: index, mode: .keyframe)
        #expect(VideoReader.longestFirst(keyframeGroups, index: index, mode: .keyframe) == keyframeGroups)
    }

    /// Every worker reports running out of GOPs exactly once, after its last frame; the ordered fallback (a
    /// custom source cannot be opened twice) reports once, as its single worker.
    @Test func everyWorkerReportsOnceWhenOutOfWork() throws {
        let path = try Fixture.path("torchcodec_nasa_13013.mp4")
        let reader = try VideoReader(.path(path))
        let count = try reader.scanIndex().count
        let wanted = (0..<8).map { $0 * count / 8 }
        let events = Mutex<[(worker: Int, outOfWork: Bool)]>([])
        try reader.readFramesInParallel(
            at: wanted, decoders: 2, whenOutOfWork: { worker in events.withLock { $0.append((worker.number, true)) } }
        ) { _, worker in events.withLock { $0.append((worker.number, false)) } }
        let log = events.withLock { $0 }
        #expect(log.filter(\.outOfWork).map(\.worker).sorted() == [0, 1])
        for worker in [0, 1] {
            #expect(log.lastIndex { $0.worker == worker && !$0.outOfWork } ?? -1 < log.firstIndex { $0.worker == worker && $0.outOfWork }!)
        }
        let fallbackReports = Mutex(0)
        try VideoReader(.source(ByteArraySource(Fixture.bytes("torchcodec_nasa_13013.mp4")))).readFramesInParallel(
            at: wanted, decoders: 2, whenOutOfWork: { _ in fallbackReports.withLock { $0 += 1 } }
        ) { _, _ in }
        #expect(fallbackReports.withLock { $0 } == 1)
    }

    @Test func parallelCallbacksSeeEachFrameOnceFromEveryWorker() throws {
        let name = "torchcodec_nasa_13013.mp4"
        let reader = try VideoReader(.path(Fixture.path(name)))
        let count = try reader.scanIndex().count
        let wanted = (0..<12).map { $0 * count / 12 }
        let seen = Mutex<[Int: (worker: Int, image: RGBImage)]>([:])
        try reader.readFramesInParallel(at: wanted, decoders: 2) { frame, worker in
            let image = try frame.rgbImage()
            seen.withLock { seen in
                #expect(seen[frame.requestedIndex] == nil)
                seen[frame.requestedIndex] = (worker.number, image)
                #expect(worker.count == 2)
            }
        }
        let result = seen.withLock { $0 }
        #expect(result.keys.sorted() == wanted)
        #expect(Set(result.values.map(\.worker)).isSubset(of: [0, 1]))
        #expect(result.mapValues(\.image) == (try Fixture.frames(name, at: wanted)))
    }

    @Test func customSourcesAndOutOfRangeFallBackToTheOrderedPath() throws {
        let reader = try VideoReader(.source(ByteArraySource(Fixture.bytes("decord_flipping_a_pancake.mkv"))))
        var order: [Int] = []
        try reader.readFramesConcurrently(at: [300, 10, 160], decoders: 2) { order.append($0.requestedIndex) }
        #expect(order == [10, 160, 300])
        let file = try VideoReader(.path(Fixture.path("decord_flipping_a_pancake.mkv")))
        #expect(throws: VideoError.self) { try file.readFramesConcurrently(at: [0, 310], decoders: 2) { _ in } }
    }
}
