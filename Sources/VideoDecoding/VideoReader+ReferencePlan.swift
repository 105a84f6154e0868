import CFFmpeg

/// An H.264 stream's coded pictures in decode order, read during the index scan for `ReferencePlan`.
struct StreamPictures {
    /// Each packet's timestamp (as the frame index counts it), in decode order.
    var timestamps: [Int64]
    /// Each packet's picture, nil where a header could not be read or uses what planning does not model.
    var pictures: [CodedPicture?]
    /// Decode-order position by timestamp.
    var positions: [Int64: Int]
    /// The picture parameter set identifier stand-ins use (one the stream never does), nil when none is free.
    var standInParameterSetID: Int?
    /// The size of each NAL unit's length prefix in a packet.
    var lengthSize: Int

    init(timestamps: [Int64], pictures: [CodedPicture?], standInParameterSetID: Int?, lengthSize: Int) {
        self.timestamps = timestamps
        self.pictures = pictures
        self.standInParameterSetID = standInParameterSetID
        self.lengthSize = lengthSize
        positions = Dictionary(timestamps.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Nil when timestamps repeat (a packet could then not be told from another).
    var isUsable: Bool { positions.count == timestamps.count }
}

/// During exact access, what happens to the packets of pictures no wanted frame depends on.
struct PacketPlan {
    /// Timestamps of packets not sent to the decoder.
    var skipped: Set<Int64> = []
    /// Timestamps of packets sent as a `StandInPicture`, with the picture's decode-order position.
    var replaced: [Int64: Int] = [:]

    var isEmpty: Bool { skipped.isEmpty && replaced.isEmpty }
}

extension VideoReader {
    /// A reader of the stream's pictures when it is H.264 in the length-prefixed (`avcC`) form.
    func makePictureReader() -> H264PictureReader? {
        let parameters = demuxer.stream.pointee.codecpar.pointee
        guard parameters.codec_id == AV_CODEC_ID_H264, let extradata = parameters.extradata,
            parameters.extradata_size > 0
        else { return nil }
        return H264PictureReader(
            configuration: Array(UnsafeBufferPointer(start: extradata, count: Int(parameters.extradata_size))))
    }

    /// The plan for exact access to `targets` (ascending frame numbers): per GOP, what `ReferencePlan` decides
    /// between its IDR picture and its last target, and everything after that target up to the next keyframe
    /// left out. (The reader drains the decoder after the last target's packet, but a frame-threaded decoder may
    /// hold that frame back until more packets went in.)
    func packetPlan(for targets: [Int], index: FrameIndex) -> PacketPlan {
        // Damaged data is concealed from the pictures around it, so once the decoder has met any, every picture
        // is decoded as the full stream would have it.
        guard plansReferences, let stream = streamPictures, report.messages.isEmpty else { return PacketPlan() }
        var plan = PacketPlan()
        for group in Self.gopGroups(targets, index: index, mode: .exact) {
            let keyframe = index.keyframe(atOrBefore: group[0])
            let positions = group.compactMap { stream.positions[presentationTimestamps[$0]] }
            guard let start = stream.positions[presentationTimestamps[keyframe]], positions.count == group.count,
                let first = positions.min(), let end = positions.max(), first >= start
            else { continue }
            // The next GOP must start afresh too (an IDR picture, not an open GOP's recovery point), so that
            // nothing decoded past this GOP, by a decoder still holding frames back, refers to what is left out.
            let nextKeyframe = index.keyframes.first { $0 > group[0] }
            let gopEnd = nextKeyframe.flatMap { stream.positions[presentationTimestamps[$0]] } ?? stream.timestamps.count
            let run = stream.pictures[start...end].compactMap { $0 }
            guard run.count == end - start + 1, gopEnd > end,
                gopEnd == stream.pictures.count || stream.pictures[gopEnd]?.isIDR == true
            else { continue }
            let decision = ReferencePlan.decide(
                run, targets: Set(positions.map { $0 - start }),
                replacesReferences: stream.standInParameterSetID != nil)
            for position in decision.skipped { plan.skipped.insert(stream.timestamps[start + position]) }
            for position in decision.replaced {
                plan.replaced[stream.timestamps[start + position]] = start + position
            }
            if gopEnd > end + 1 { plan.skipped.formUnion(stream.timestamps[(end + 1)..<gopEnd]) }
        }
        return plan
    }

    /// Whether the decoder may be drained early (`drainAfter`) in a GOP decoded from `keyframe`. Not for an
    /// H.264 keyframe that is not an IDR picture (an open GOP's I-picture with a recovery point): after a seek
    /// to it, FFmpeg counts the pictures decoded before the I-picture was output as unrecovered, and a drain
    /// drops those instead of returning them, so the wanted frame would be lost. Such GOPs are decoded until
    /// the wanted frame comes out in the normal course. Other codecs' drains return every decoded frame.
    func drainsCleanly(after keyframe: Int) -> Bool {
        guard demuxer.stream.pointee.codecpar.pointee.codec_id == AV_CODEC_ID_H264 else { return true }
        guard let stream = streamPictures, let position = stream.positions[presentationTimestamps[keyframe]],
            let picture = stream.pictures[position]
        else { return false }
        return picture.isIDR
    }

    /// The packet to send in place of `packet` when the plan replaces it: a stand-in with the same timestamps,
    /// held in `standInPacket`. Nil when `packet` goes as it is.
    func standIn(for packet: Packet) throws(VideoError) -> Packet? {
        guard let position = packetPlan.replaced[packet.presentationTimestamp], let stream = streamPictures,
            let id = stream.standInParameterSetID, let picture = stream.pictures[position],
            let bytes = StandInPicture.packet(for: picture, parameterSetID: id, lengthSize: stream.lengthSize)
        else { return nil }
        let standIn = try reused(&standInPacket, orMake: Packet.init)
        standIn.unref()
        try check(av_new_packet(standIn.pointer, Int32(bytes.count)), "Could not allocate a packet", kind: .io)
        bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(standIn.pointer.pointee.data).copyMemory(
                from: source.baseAddress!, byteCount: bytes.count)
        }
        try check(av_packet_copy_props(standIn.pointer, packet.pointer), "Could not copy packet properties", kind: .io)
        return standIn
    }
}
