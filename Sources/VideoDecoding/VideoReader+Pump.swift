import CFFmpeg

extension VideoReader {
    /// Decodes the next frame in presentation order into `frame`; false once the stream is exhausted.
    ///
    /// The send/receive state machine: ask the decoder for a frame; on `.needsInput` read one packet of the
    /// video stream and send it; at end of input — or once the packet of `drainAfter` went in — send a null
    /// packet so the decoder drains the frames it holds back for B-frame reordering, then report `.endOfStream`.
    /// Each iteration consumes a packet or yields a frame, so the loop ends with the input.
    func decodeNextFrame() throws(VideoError) -> Bool {
        if isFinished { return false }
        while true {
            switch try decoder.receive(into: frame) {
            case .frame:
                try checkFrameSize(width: Int(frame.pointer.pointee.width), height: Int(frame.pointer.pointee.height))
                decodedSinceStart += 1
                return true
            case .endOfStream:
                isFinished = true
                return false
            case .needsInput:
                if isDraining {
                    isFinished = true
                    return false
                }
                if let wanted = drainAfter, lastSentTimestamp == wanted {
                    try decoder.send(nil)
                    isDraining = true
                    continue
                }
                defer { packet.unref() }
                guard try demuxer.readPacket(into: packet, sink: sink) else {
                    try decoder.send(nil)
                    isDraining = true
                    continue
                }
                var outgoing = packet
                if !packetPlan.isEmpty {
                    if packetPlan.skipped.contains(packet.presentationTimestamp) { continue }
                    outgoing = try standIn(for: packet) ?? packet
                }
                decoder.skipFrames = discardPolicy(for: packet)
                try decoder.send(outgoing)
                packetsSent += 1
                lastSentTimestamp = packet.presentationTimestamp
            }
        }
    }

    /// `AVDISCARD_NONREF` for packets presented before the current target (skipping them cannot affect any
    /// frame we deliver), otherwise `baseDiscard`.
    private func discardPolicy(for packet: Packet) -> AVDiscard {
        let pts = packet.pointer.pointee.pts
        guard baseDiscard == AVDISCARD_DEFAULT, let limit = unwantedBefore, pts != FFmpegCode.noTimestamp, pts < limit
        else {
            return baseDiscard
        }
        return AVDISCARD_NONREF
    }

    /// The presentation-order number of the frame in `frame`: looked up by timestamp when the index exists and
    /// frames are numbered by timestamp, otherwise counted from the start of the stream.
    func currentFrameNumber() -> Int {
        guard cachedIndex != nil, numbering.seeks, let pts = frame.bestEffortTimestamp, !presentationTimestamps.isEmpty else {
            return decodedSinceStart - 1
        }
        let low = firstIndexPosition(notBefore: pts)
        if low == presentationTimestamps.count { return low - 1 }
        if low > 0, pts - presentationTimestamps[low - 1] < presentationTimestamps[low] - pts { return low - 1 }
        return low
    }

    /// The frame's time in seconds: best-effort pts × time base, or the index's time when pts is missing.
    func currentTimestamp(frameNumber: Int) -> Double {
        if let pts = frame.bestEffortTimestamp {
            return Double(pts) * av_q2d(demuxer.stream.pointee.time_base)
        }
        if let index = cachedIndex, frameNumber < index.count { return index.timestamps[frameNumber] }
        return info.averageFrameRate.map { Double(frameNumber) / $0 } ?? 0
    }

    /// Wraps the frame in `frame` for a callback.
    func currentDecodedFrame(number: Int, requested: Int) -> DecodedFrame {
        DecodedFrame(
            index: number, requestedIndex: requested, timestamp: currentTimestamp(frameNumber: number),
            isKeyframe: frame.isKeyframe, frame: frame, converter: converter)
    }

    /// Seeks the demuxer to the keyframe at or before frame `keyframe` and resets the decoder.
    func seek(toKeyframe keyframe: Int) throws(VideoError) {
        if demuxer.seeksOnlyToStart { return try seekByRereading(toKeyframe: keyframe) }
        if keyframe == 0 {
            let start = demuxer.stream.pointee.start_time
            do {
                try demuxer.seek(
                    toKeyframeAtOrBefore: startSeekTarget ?? (start == FFmpegCode.noTimestamp ? 0 : start))
            } catch {
                // Some demuxers cannot seek a damaged file by time (Matroska cut short, with no cues); going back
                // to its first byte still works.
                try demuxer.rewindToStart()
            }
        } else {
            let pts = presentationTimestamps[keyframe]
            try demuxer.seek(toKeyframeAtOrBefore: keyframeSeekTargets[pts] ?? pts)
        }
        decoder.flush()
        isDraining = false
        lastSentTimestamp = nil
        isFinished = false
        cursor = keyframe - 1
        if keyframe == 0 { decodedSinceStart = 0 }
    }

    /// Puts a seekable reader back at the first frame; pipes that were already read cannot go back.
    func rewindIfNeeded() throws(VideoError) {
        guard cursor >= 0 || isDraining || isFinished || decodedSinceStart > 0 else { return }
        guard info.isSeekable else {
            throw VideoError(
                .invalidArgument, "This input is a pipe that was already read; open a new reader or pass a file path.")
        }
        try seek(toKeyframe: 0)
    }
}
