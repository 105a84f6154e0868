import CFFmpeg

/// An H.264 stream's coded pictures in decode order, read during the index scan for `ReferencePlan`.
struct StreamPictures {
    /// Each packet's timestamp (as the frame index counts it), in decode order.
    var timestamps: [Int64]
    /// Each packet's picture, nil where a header could not be read or uses what planning does not model.
    var pictures: [CodedPicture?]
    /// Decode-order position by timestamp.
    var positions: [Int64: Int]

    init(timestamps: [Int64], pictures: [CodedPicture?]) {
        self.timestamps = timestamps
        self.pictures = pictures
        positions = Dictionary(timestamps.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Nil when timestamps repeat (a packet could then not be told from another).
    var isUsable: Bool { positions.count == timestamps.count }
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

    /// The timestamps of packets that exact access to `targets` (ascending frame numbers) need not send to the
    /// decoder: per GOP, what `ReferencePlan` finds between its IDR picture and its last target, and everything
    /// after that target up to the next keyframe. (The reader drains the decoder after the last target's packet,
    /// but a frame-threaded decoder may hold that frame back until more packets went in.)
    func skippablePackets(for targets: [Int], index: FrameIndex) -> Set<Int64> {
        // Damaged data is concealed from the pictures around it, so once the decoder has met any, every picture
        // is decoded as the full stream would have it.
        guard plansReferences, let stream = streamPictures, report.messages.isEmpty else { return [] }
        var skipped = Set<Int64>()
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
            for position in ReferencePlan.skippable(run, targets: Set(positions.map { $0 - start })) {
                skipped.insert(stream.timestamps[start + position])
            }
            if gopEnd > end + 1 { skipped.formUnion(stream.timestamps[(end + 1)..<gopEnd]) }
        }
        return skipped
    }
}
