import CFFmpeg

extension VideoReader {
    /// Scans the stream's packets without decoding and returns every frame's presentation time and the
    /// keyframes. The result is cached; the reader is left at the first frame.
    ///
    /// Frame `i` is the `i`-th frame the ffmpeg CLI outputs. Cost: one pass over the container (reads packet
    /// headers and payloads, decodes nothing) — typically a few milliseconds per thousand frames — plus the first
    /// frame decoded to check the start. Packets the container marks as discarded (MP4 edit lists) are skipped,
    /// so the count equals the frames the decoder shows. Where packets cannot number the frames (see
    /// ``FrameNumbering``: MPEG-4 Part 2 in AVI, raw elementary streams, streams whose first pictures do not
    /// decode) the index comes from one full decode instead. Seekable inputs only (pipes held in memory among
    /// them): a stream longer than the pipe buffer throws `.invalidArgument`.
    public func scanIndex() throws(VideoError) -> FrameIndex {
        if let cachedIndex { return cachedIndex }
        guard info.isSeekable else {
            throw VideoError(
                .invalidArgument,
                "Cannot scan a stream longer than the pipe buffer for its frame index, because that would consume it; raise the pipe buffer limit, pass a file path, or decode sequentially with forEachFrame."
            )
        }
        try rewindIfNeeded()
        var entries: [(pts: Int64, isKey: Bool)] = []
        var evidence = PacketScanEvidence()
        var seekTargets: [Int64: Int64] = [:]
        var firstDecodeTimestamp: Int64?
        let seeksByDecodeTimestamp = demuxer.seeksByDecodeTimestamp
        var fallbackTimestamp: Int64 = 0
        var pictureReader = makePictureReader()
        var pictures: [CodedPicture?] = []
        while try demuxer.readPacket(into: packet, sink: sink) {
            defer { packet.unref() }
            let data = packet.pointer.pointee
            if data.flags & AV_PKT_FLAG_DISCARD != 0 || data.size == 0 {
                pictureReader = nil
                continue
            }
            if entries.isEmpty { evidence.startsWithKeyframe = data.flags & AV_PKT_FLAG_KEY != 0 }
            if data.pts == FFmpegCode.noTimestamp { evidence.missingPresentationTimestamps = true }
            var pts = packet.presentationTimestamp
            if pts == FFmpegCode.noTimestamp {
                evidence.missingTimestamps = true
                pts = fallbackTimestamp
            }
            fallbackTimestamp = pts + max(1, data.duration)
            let isKey = data.flags & AV_PKT_FLAG_KEY != 0
            let dts = data.dts == FFmpegCode.noTimestamp ? pts : data.dts
            if firstDecodeTimestamp == nil { firstDecodeTimestamp = dts }
            if isKey { seekTargets[pts] = seeksByDecodeTimestamp ? dts : pts }
            entries.append((pts, isKey))
            if pictureReader != nil {
                pictures.append(pictureReader!.picture(in: UnsafeRawBufferPointer(start: data.data, count: Int(data.size))))
            }
        }
        if pictureReader != nil {
            let stream = StreamPictures(
                timestamps: entries.map(\.pts), pictures: pictures,
                standInParameterSetID: pictureReader!.unusedPictureParameterSetID,
                lengthSize: pictureReader!.lengthSize)
            streamPictures = stream.isUsable ? stream : nil
        }
        entries.sort { $0.pts < $1.pts }
        evidence.repeatsTimestamps = zip(entries, entries.dropFirst()).contains { $0.pts == $1.pts }
        let timeBase = av_q2d(demuxer.stream.pointee.time_base)
        presentationTimestamps = entries.map(\.pts)
        keyframeSeekTargets = seekTargets
        startSeekTarget = seeksByDecodeTimestamp ? firstDecodeTimestamp : presentationTimestamps.first
        var index = FrameIndex(
            timestamps: entries.map { Double($0.pts) * timeBase },
            keyframes: entries.indices.filter { entries[$0].isKey },
            isVariableFrameRate: Self.hasVariableSpacing(presentationTimestamps))
        numbering = .packetTimestamps
        try seek(toKeyframe: 0)
        let codec = demuxer.stream.pointee.codecpar.pointee.codec_id
        let packetsNumberFrames = evidence.trusts(codec: codec) && !report.isTruncated ? try startMatchesIndex() : false
        if !packetsNumberFrames { index = try indexByDecoding() }
        try seek(toKeyframe: 0)
        cachedIndex = index
        return index
    }

    /// True when consecutive timestamp gaps differ from the median gap by more than 1 %.
    static func hasVariableSpacing(_ timestamps: [Int64]) -> Bool {
        guard timestamps.count > 2 else { return false }
        let gaps = zip(timestamps.dropFirst(), timestamps).map { $0 - $1 }
        let median = gaps.sorted()[gaps.count / 2]
        let tolerance = max(1, median / 100)
        return gaps.contains { abs($0 - median) > tolerance }
    }
}
