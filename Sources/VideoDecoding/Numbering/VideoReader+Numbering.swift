import CFFmpeg

extension VideoReader {
    /// Checks the packet index against the decoder: decodes the stream's first frame and compares its timestamp
    /// with the index's first. They differ when the first pictures cannot be decoded (a stream cut mid-GOP, a
    /// damaged first IDR, an open GOP's leading pictures at the very start): the decoder drops those, so the
    /// ffmpeg CLI never outputs them and the packets over-count. Leaves the demuxer anywhere: seek afterwards.
    ///
    /// Uses a decoder of its own on one thread, freed on return: the reader's frame-threaded decoder would keep a
    /// pool of full-size pictures alive for the rest of the reader's life (23 MB at 1080p). Cost: one keyframe
    /// decoded, plus the packets B-frame reordering holds back.
    func startMatchesIndex() throws(VideoError) -> Bool {
        guard let first = presentationTimestamps.first else { return true }
        let decoder = try Decoder(stream: demuxer.stream, codec: demuxer.codec, threadCount: 1, sink: sink)
        let picture = try Frame()
        var sentEnd = false
        while true {
            switch try decoder.receive(into: picture) {
            case .frame:
                return picture.bestEffortTimestamp == first
            case .endOfStream:
                return false
            case .needsInput:
                if sentEnd { return false }
                defer { packet.unref() }
                if try demuxer.readPacket(into: packet, sink: sink) {
                    try decoder.send(packet)
                } else {
                    try decoder.send(nil)
                    sentEnd = true
                }
            }
        }
    }

    /// Builds the index by decoding the whole stream from its start, as the ffmpeg CLI does, and recording what
    /// comes out: frame `i` is the `i`-th output frame. Sets `numbering` to ``FrameNumbering/outputTimestamps``
    /// when every output frame has a timestamp and they rise strictly (frames can then be found after a seek),
    /// else to ``FrameNumbering/outputOrder``.
    ///
    /// Cost: one full decode. Taken only when the packets cannot number the frames (see `PacketScanEvidence`).
    func indexByDecoding() throws(VideoError) -> FrameIndex {
        streamPictures = nil
        packetPlan = PacketPlan()
        unwantedBefore = nil
        drainAfter = nil
        try seek(toKeyframe: 0)
        var stamps: [Int64?] = []
        var keyframes: [Int] = []
        while try decodeNextFrame() {
            if frame.isKeyframe { keyframes.append(stamps.count) }
            stamps.append(frame.bestEffortTimestamp)
        }
        let known = stamps.compactMap { $0 }
        let rises = known.count == stamps.count && zip(known, known.dropFirst()).allSatisfy { $0 < $1 }
        // A stream without timestamps to seek by can only be read again from its start.
        numbering = rises && !demuxer.seeksOnlyToStart ? .outputTimestamps : .outputOrder
        presentationTimestamps = rises ? known : Self.countedTimestamps(stamps)
        if keyframes.first != 0 { keyframes.insert(0, at: 0) }
        let timeBase = av_q2d(demuxer.stream.pointee.time_base)
        return FrameIndex(
            timestamps: presentationTimestamps.map { Double($0) * timeBase }, keyframes: keyframes,
            isVariableFrameRate: Self.hasVariableSpacing(presentationTimestamps))
    }

    /// Rising stand-in timestamps for output frames whose own are missing or out of order: each frame keeps its
    /// timestamp when that rises past the previous frame's, else takes the previous one plus one tick. Used for
    /// times shown to people; frames are then told apart by counting (`outputOrder`).
    private static func countedTimestamps(_ stamps: [Int64?]) -> [Int64] {
        var result: [Int64] = []
        result.reserveCapacity(stamps.count)
        for stamp in stamps {
            let next = result.last.map { previous in max(stamp ?? previous &+ 1, previous &+ 1) } ?? (stamp ?? 0)
            result.append(next)
        }
        return result
    }

    /// Numbers the frames as the decoder outputs them (one full decode) unless they already are, and returns the
    /// new index. Frames are then reached by decoding from the start (``FrameNumbering/outputOrder``), which is
    /// slower but gives the CLI's pictures even where the decoder had to conceal damage. Exact access calls it
    /// when damaged data made the decoder drop a frame the packets promised (and throws
    /// ``VideoError/Kind/framesRenumbered``); call it yourself to number a damaged file exactly as the ffmpeg CLI
    /// does before choosing frames.
    public func reindexByDecoding() throws(VideoError) -> FrameIndex {
        let index = try scanIndex()
        guard numbering == .packetTimestamps, info.isSeekable else { return index }
        let renumbered = try indexByDecoding()
        // Around damage the decoder conceals with whatever pictures it holds, which after a seek are not those a
        // decode from the start holds: only decoding from the start gives the CLI's pictures there.
        numbering = .outputOrder
        try seek(toKeyframe: 0)
        sink.append(
            "The container holds \(index.count) frames but only \(renumbered.count) decode (damaged data); frames are numbered as decoded, as the ffmpeg CLI outputs them."
        )
        cachedIndex = renumbered
        return renumbered
    }

    /// The index position whose timestamp is exactly `timestamp`, or nil.
    func indexPosition(exactly timestamp: Int64) -> Int? {
        let position = firstIndexPosition(notBefore: timestamp)
        return position < presentationTimestamps.count && presentationTimestamps[position] == timestamp ? position : nil
    }

    /// The first index position whose timestamp is at or after `timestamp` (the count when none is). O(log n).
    func firstIndexPosition(notBefore timestamp: Int64) -> Int {
        var low = 0
        var high = presentationTimestamps.count
        while low < high {
            let middle = (low + high) / 2
            if presentationTimestamps[middle] < timestamp { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
