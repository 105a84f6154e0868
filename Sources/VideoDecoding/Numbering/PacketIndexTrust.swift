import CFFmpeg

/// What a demux-only scan saw of a stream's packets that decides whether their timestamps can number its
/// frames (``FrameNumbering/packetTimestamps``).
struct PacketScanEvidence {
    /// Whether some packet carried neither a presentation nor a decoding timestamp.
    var missingTimestamps = false
    /// Whether some packet had no presentation timestamp (AVI stores decoding order only).
    var missingPresentationTimestamps = false
    /// Whether the first packet counted was a keyframe (false for a stream cut mid-GOP).
    var startsWithKeyframe = false
    /// Whether two packets claimed the same timestamp.
    var repeatsTimestamps = false

    /// Whether the packets' timestamps can number the frames of a stream coded with `codec`: every packet has
    /// its own presentation timestamp, the stream starts at a keyframe, and the codec turns each packet into
    /// exactly one frame. The decoded first frame is checked on top of this (`VideoReader.startMatchesIndex`).
    func trusts(codec: AVCodecID) -> Bool {
        !missingTimestamps && !missingPresentationTimestamps && startsWithKeyframe && !repeatsTimestamps
            && Self.oneFramePerPacket.contains(codec.rawValue)
    }

    /// Codecs whose FFmpeg decoders output exactly one frame for every packet a demuxer hands them. Left out on
    /// purpose: MPEG-4 Part 2 and its relatives (N-VOP placeholders and packed B-frames pair packets and frames
    /// otherwise), and every codec not named, which gets a decoding scan instead of a guess.
    static let oneFramePerPacket: Set<UInt32> = [
        AV_CODEC_ID_H264, AV_CODEC_ID_HEVC, AV_CODEC_ID_VP8, AV_CODEC_ID_VP9, AV_CODEC_ID_AV1,
        AV_CODEC_ID_MPEG1VIDEO, AV_CODEC_ID_MPEG2VIDEO, AV_CODEC_ID_MJPEG, AV_CODEC_ID_PNG, AV_CODEC_ID_GIF,
        AV_CODEC_ID_RAWVIDEO, AV_CODEC_ID_PRORES, AV_CODEC_ID_FFV1, AV_CODEC_ID_DNXHD, AV_CODEC_ID_UTVIDEO,
        AV_CODEC_ID_HUFFYUV, AV_CODEC_ID_FFVHUFF, AV_CODEC_ID_QTRLE, AV_CODEC_ID_JPEG2000,
    ].reduce(into: []) { $0.insert($1.rawValue) }
}
