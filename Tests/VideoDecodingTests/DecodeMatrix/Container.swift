/// A container the matrix muxes generated clips into, with the file extension that picks ffmpeg's muxer.
enum Container: String, Sendable, CaseIterable {
    /// MP4 as ffmpeg writes it by default: the `moov` index after the media, so a pipe cannot play it.
    case mp4
    /// MP4 with `-movflags +faststart`: `moov` moved to the front.
    case mp4Faststart = "faststart.mp4"
    case mkv, webm, avi, mov, ts, nut
    /// The GIF format itself, for the GIF codec only.
    case gif

    /// The file name ending, which also selects the muxer.
    var fileExtension: String { rawValue }

    /// Muxer options the container needs.
    var muxArguments: [String] {
        self == .mp4Faststart ? ["-movflags", "+faststart"] : []
    }
}
