/// How a reader tells which frame the decoder has just returned: the rule that makes "frame `i`" mean the
/// `i`-th frame the ffmpeg CLI outputs for the stream.
///
/// The cheap rule comes first and each later one is a fallback taken only when the one before is shown wrong:
///
/// - ``packetTimestamps``: the index is built from the packets alone (no decoding), and a decoded frame is
///   identified by its timestamp. Right when every packet carries a presentation timestamp and turns into
///   exactly one output frame, as in H.264, HEVC, VP8/9, AV1, MPEG-2 and intra-only codecs in MP4, Matroska,
///   WebM, MOV, NUT and MPEG-TS.
/// - ``outputTimestamps``: the index is built by decoding the whole stream once and recording each output
///   frame's best-effort timestamp; frames are then reached by seeking, as above. Needed where packets and
///   frames do not pair up: MPEG-4 Part 2 in AVI (no presentation times, B-frames, N-VOP placeholders, packed
///   B-frames), a stream cut mid-GOP, a damaged first IDR picture.
/// - ``outputOrder``: frames are counted as the decoder outputs them from the start of the stream, with no
///   seeking at all. Always right, and as slow as a full decode; taken when the output timestamps repeat or
///   are missing, or when a seek lands somewhere the decoding scan did not predict.
enum FrameNumbering: Sendable, Equatable {
    case packetTimestamps
    case outputTimestamps
    case outputOrder

    /// Whether frames are reached by seeking to keyframes (false: by decoding from the start).
    var seeks: Bool { self != .outputOrder }
}
