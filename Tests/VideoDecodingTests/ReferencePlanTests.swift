import CFFmpeg
import Testing
@testable import VideoDecoding

/// Exact access that replaces reference pictures no wanted frame depends on with stand-ins (`ReferencePlan`)
/// must give the very frames decoding everything gives, on streams with different reference structures; and the slice
/// headers it plans from must read as FFmpeg's own header parser (`trace_headers`) reads them.
@Suite struct ReferencePlanTests {
    static let clips = [
        "x264_pyramid_normal.mp4", "x264_pyramid_strict_ref1.mp4", "x264_deep_pyramid.mkv",
        "x264_temporal_direct_slices.mp4", "x264_veryfast_gop60.mp4", "x264_open_gop.mp4",
        "decord_flipping_a_pancake.mkv", "torchcodec_nasa_13013.mp4",
    ]

    static let openGOP = "x264_open_gop.mp4"

    /// The streams whose plans must replace at least one reference picture somewhere (B-pyramids whose
    /// reference B-pictures only neighbouring B-pictures use), so the comparison exercises the feature.
    static let replacesReferences: Set<String> = ["x264_pyramid_strict_ref1.mp4", "x264_veryfast_gop60.mp4"]

    /// The decoder's own output for each target: the visible part of its Y, U and V planes (8-bit 4:2:0), so
    /// the comparison sees the decoded samples themselves rather than a colour conversion of them.
    private static func frames(_ reader: VideoReader, at targets: [Int]) throws -> [Int: [UInt8]] {
        var planes: [Int: [UInt8]] = [:]
        try reader.readFrames(at: targets) { planes[$0.index] = samples(of: $0.frame) }
        return planes
    }

    private static func samples(of frame: Frame) -> [UInt8] {
        let picture = frame.pointer.pointee
        let (width, height) = (Int(picture.width), Int(picture.height))
        let extents = [(width, height), ((width + 1) / 2, (height + 1) / 2), ((width + 1) / 2, (height + 1) / 2)]
        var samples: [UInt8] = []
        for (plane, (planeWidth, planeHeight)) in extents.enumerated() {
            let base = [picture.data.0, picture.data.1, picture.data.2][plane]!
            let stride = Int([picture.linesize.0, picture.linesize.1, picture.linesize.2][plane])
            for row in 0..<planeHeight {
                samples += UnsafeBufferPointer(start: base + row * stride, count: planeWidth)
            }
        }
        return samples
    }

    @Test(arguments: clips)
    func plannedExactAccessGivesTheFramesOfAFullDecode(name: String) throws {
        let planned = try VideoReader(.path(Fixture.path(name)))
        let full = try VideoReader(.path(Fixture.path(name)))
        full.plansReferences = false
        let index = try planned.scanIndex()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var replacedReferences = 0
        for trial in 0..<24 {
            let targets = (0...(trial % 5)).map { _ in random(below: index.count) }
            let distinct = Array(Set(targets)).sorted()
            replacedReferences += planned.packetPlan(for: distinct, index: index).replaced.count
            let got = try Self.frames(planned, at: targets)
            #expect(got.count == distinct.count)
            #expect(got == (try Self.frames(full, at: targets)), "targets \(distinct)")
        }
        if name != Self.openGOP { #expect(planned.report.messages.isEmpty) }
        if Self.replacesReferences.contains(name) { #expect(replacedReferences > 0) }
    }

    /// Parallel GOP decoding plans each GOP on its own reader.
    @Test func plannedParallelAccessGivesTheFramesOfAFullDecode() throws {
        let name = "x264_veryfast_gop60.mp4"
        let planned = try VideoReader(.path(Fixture.path(name)))
        let full = try VideoReader(.path(Fixture.path(name)))
        full.plansReferences = false
        let targets = [3, 17, 29, 44, 58, 61, 75, 90, 101, 119]
        var got: [Int: [UInt8]] = [:]
        try planned.readFramesConcurrently(at: targets, decoders: 2) { got[$0.index] = Self.samples(of: $0.frame) }
        #expect(got == (try Self.frames(full, at: targets)))
    }

    /// The first pictures of `x264_pyramid_normal.mp4` as `trace_headers` shows them: I, P, a reference B (the
    /// pyramid's middle), two non-reference B, then a P whose list 0 is rebuilt by four modifications (x264's
    /// weighted duplicate of a reference) and a reference B that marks two pictures unused.
    @Test func sliceHeadersReadAsFFmpegReadsThem() throws {
        let reader = try VideoReader(.path(Fixture.path("x264_pyramid_normal.mp4")))
        _ = try reader.scanIndex()
        let pictures = try #require(reader.streamPictures).pictures.prefix(7).map { try #require($0) }
        #expect(pictures.map(\.first.referenceIDC) == [3, 2, 2, 0, 0, 2, 2])
        #expect(pictures.map(\.first.kind) == [.i, .p, .b, .b, .b, .p, .b])
        #expect(pictures.map(\.frameNumber) == [0, 1, 2, 3, 3, 3, 4])
        #expect(pictures.map(\.first.orderCountLSB) == [0, 8, 4, 2, 6, 16, 12])
        #expect(pictures[0].isIDR && !pictures[1].isIDR)
        #expect(pictures[3].first.activeReferences == (1, 2) ? true : false)
        #expect(pictures[5].first.activeReferences.0 == 4)
        #expect(pictures[5].first.modifications.0.map(\.subtracts) == [true, true, false, true])
        #expect(pictures[5].first.modifications.0.map(\.difference) == [2, 16, 1, 2])
        #expect(pictures[6].first.unmarkedDifferences == [4, 2])
        #expect(pictures[1].first.unmarkedDifferences == nil)
    }
}
