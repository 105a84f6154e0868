/// One way of encoding the test pattern, and the containers it must mux into.
///
/// `containers` lists the pairs the matrix expects to exist, explicitly: a pair that stops muxing (or whose
/// result the CLI can no longer read) fails its case rather than vanishing from the matrix. Pairs left out were
/// checked with ffmpeg 5.1: they fail to mux (VP8 in MP4 or MOV, VP9 and AV1 in MOV, GIF in MP4, anything but
/// VP8, VP9 and AV1 in WebM) or mux into something the CLI cannot read back (VP8, VP9, AV1, MJPEG and GIF in
/// MPEG-TS become unknown private streams; GIF in AVI or Matroska gets no codec id back).
struct Encoding: Sendable {
    /// Short name used in case names, e.g. `h264-bpyramid`.
    var name: String
    /// `ffmpeg` output options selecting and tuning the encoder.
    var arguments: [String]
    /// Extra options for particular containers (e.g. the `XVID` tag in AVI).
    var perContainer: [Container: [String]] = [:]
    /// The containers this encoding must mux into.
    var containers: [Container]
    /// The `testsrc2` picture size.
    var size = "160x120"

    /// The encoder these options need (checked against `ffmpeg -encoders` to explain a failure).
    var encoder: String { arguments[arguments.firstIndex(of: "-c:v")! + 1] }
}

extension Encoding {
    private static let everyContainerOfH264: [Container] = [.mp4, .mp4Faststart, .mkv, .avi, .mov, .ts, .nut]
    /// 20-frame GOPs without scene cuts, so every clip has several GOPs to seek between.
    private static let x264GOP = "keyint=20:min-keyint=20:scenecut=0"

    /// Every encoding of the matrix. Each encoder is one the Debian bookworm `ffmpeg` package (what
    /// `scripts/bootstrap` installs) ships.
    static let all: [Encoding] = [
        Encoding(
            name: "h264-bpyramid",
            arguments: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-x264-params", "bframes=3:b-adapt=0:b-pyramid=normal:ref=3:\(x264GOP)"],
            containers: everyContainerOfH264),
        Encoding(
            name: "h264-opengop",
            arguments: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-x264-params", "bframes=3:b-adapt=0:open-gop=1:\(x264GOP)"],
            containers: everyContainerOfH264),
        Encoding(
            name: "h264-slices",
            arguments: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-x264-params", "slices=4:bframes=2:b-adapt=0:\(x264GOP)"],
            containers: everyContainerOfH264),
        // MBAFF: x264's interlaced mode codes macroblock pairs as frame or field pairs.
        Encoding(
            name: "h264-mbaff",
            arguments: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-flags", "+ildct+ilme", "-x264-params", "interlaced=1:tff=1:bframes=2:\(x264GOP)"],
            containers: everyContainerOfH264),
        // PAFF signalling (frame_mbs_only_flag = 0) with every picture coded as a frame: x264 cannot code field
        // pictures, and this ffmpeg has no other H.264 encoder.
        Encoding(
            name: "h264-fakeinterlaced",
            arguments: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-x264-params", "fake-interlaced=1:pic-struct=1:bframes=2:\(x264GOP)"],
            containers: everyContainerOfH264),
        Encoding(
            name: "hevc",
            arguments: ["-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-x265-params", "log-level=error:bframes=3:b-adapt=0:open-gop=1:\(x264GOP)"],
            perContainer: [.avi: ["-tag:v", "HEVC"]],  // ffmpeg's AVI muxer has no tag of its own for HEVC
            containers: everyContainerOfH264),
        // Alternate reference frames are coded but never shown: packets without a picture of their own.
        Encoding(
            name: "vp8",
            arguments: ["-c:v", "libvpx", "-deadline", "good", "-cpu-used", "16", "-auto-alt-ref", "1", "-lag-in-frames", "8", "-g", "20", "-b:v", "300k"],
            containers: [.mkv, .webm, .avi, .nut]),
        Encoding(
            name: "vp9",
            arguments: ["-c:v", "libvpx-vp9", "-deadline", "good", "-cpu-used", "8", "-auto-alt-ref", "1", "-lag-in-frames", "8", "-g", "20", "-b:v", "300k"],
            containers: [.mp4, .mp4Faststart, .mkv, .webm, .avi, .nut]),
        Encoding(
            name: "av1",
            arguments: ["-c:v", "libaom-av1", "-cpu-used", "8", "-usage", "realtime", "-g", "20", "-b:v", "300k"],
            containers: [.mp4, .mp4Faststart, .mkv, .webm, .avi, .nut]),
        Encoding(
            name: "mpeg4",
            arguments: ["-c:v", "mpeg4", "-bf", "2", "-g", "20", "-q:v", "4"],
            perContainer: [.avi: ["-vtag", "XVID"]],
            containers: everyContainerOfH264),
        Encoding(
            name: "xvid",
            arguments: ["-c:v", "libxvid", "-bf", "2", "-g", "20", "-q:v", "4"],
            containers: [.avi]),
        // ffmpeg's MPEG-2 GOPs are open by default: the B-frames after an I-frame refer to the GOP before.
        Encoding(
            name: "mpeg2",
            arguments: ["-c:v", "mpeg2video", "-bf", "2", "-g", "20", "-q:v", "4"],
            containers: everyContainerOfH264),
        Encoding(
            name: "mjpeg",
            arguments: ["-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "4"],
            containers: [.mp4, .mp4Faststart, .mkv, .avi, .mov, .nut]),
        // GIF frames after the first store only what changed, over transparent pixels.
        Encoding(
            name: "gif",
            arguments: ["-c:v", "gif"],
            containers: [.gif, .mov, .nut]),
    ]
}
