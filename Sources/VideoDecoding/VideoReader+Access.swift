import CFFmpeg

extension VideoReader {
    /// Decodes the frames at `indices` (presentation order, 0-based) and passes each to `body`.
    ///
    /// `indices` may come in any order and repeat; `body` is called in ascending order of the requested index,
    /// once per distinct index, with `DecodedFrame.requestedIndex` naming the request it serves (map back from
    /// it). Index out of range → `.frameOutOfRange` (`.truncated` when the input was cut short), before any
    /// decoding.
    ///
    /// - `.exact`: a demux-only index scan (once, cached) gives every frame's pts and the keyframes. Per target
    ///   the reader seeks to the keyframe before it only when that keyframe lies beyond the last decoded frame
    ///   (otherwise it decodes forward), never backwards within a call, checks where the seek landed, and
    ///   converts nothing but what `body` asks for. Non-reference frames presented before a target are not
    ///   even decoded (`AVDISCARD_NONREF`), nor is anything past the last target of a GOP (the decoder drains
    ///   right after that target's packet). In H.264 stored as MP4 or Matroska, the slice headers read by the
    ///   index scan also show which pictures no target depends on: non-reference ones are not sent at all, and
    ///   reference ones go as cheap stand-ins that keep the decoder's references intact (`ReferencePlan`,
    ///   `StandInPicture`; 51 of the 251 pictures 16 targets of a 1080p x264 clip need). Frames that fail to
    ///   decode are skipped and listed in `report`.
    /// - `.keyframe`: each target snaps to its nearest keyframe and only keyframes are decoded
    ///   (`AVDISCARD_NONKEY`), each drained at once rather than held back until the next keyframe: much faster
    ///   on long GOPs but approximate — `DecodedFrame.index` is the keyframe used. Several requests may share
    ///   one keyframe; `body` then sees it once per request.
    ///
    /// A pipe held in memory is read like a file. On a stream longer than the pipe buffer no index exists: frames
    /// are counted while decoding forward once, and both modes are exact.
    public func readFrames(at indices: [Int], mode: SeekMode = .exact, _ body: (DecodedFrame) throws -> Void) throws {
        let targets = Array(Set(indices)).sorted()
        guard let first = targets.first, let last = targets.last else { return }
        guard first >= 0 else {
            throw VideoError(.frameOutOfRange, "Frame index \(first) is negative; frame numbers start at 0.")
        }
        guard info.isSeekable else {
            return try readSequentially(targets, body)
        }
        let index = try scanIndex()
        guard last < index.count else {
            if report.isTruncated {
                throw VideoError(
                    .truncated,
                    "Frame \(last) lies past the point where the input was cut off (\(index.count) frames remain); re-download or re-export the video."
                )
            }
            throw VideoError(
                .frameOutOfRange,
                "Frame index \(last) is out of range: the video has \(index.count) frames (0…\(index.count - 1)).")
        }
        guard numbering.seeks else {
            return try readInOutputOrder(targets, index: index, mode: mode, body)
        }
        switch mode {
        case .exact:
            do {
                try readExactly(targets, index: index, body)
            } catch let mismatch as NumberingMismatch {
                // A seek landed where the decoding scan did not predict: count frames from the start instead.
                numbering = .outputOrder
                try readInOutputOrder(targets.filter { $0 > mismatch.lastDelivered }, index: index, mode: mode, body)
            }
        case .keyframe: try readKeyframes(targets, index: index, body)
        }
    }

    /// Like `readFrames(at:)`, for times in seconds: each time selects the frame `ffmpeg -ss TIME` would
    /// output, the first frame whose timestamp is ≥ the time (see `FrameIndex.frameIndex(at:)`). Requires a
    /// seekable input; `DecodedFrame.requestedIndex` is the frame number (map times with `frameIndices`).
    public func readFrames(atTimes seconds: [Double], mode: SeekMode = .exact, _ body: (DecodedFrame) throws -> Void)
        throws
    {
        try readFrames(at: frameIndices(atTimes: seconds), mode: mode, body)
    }

    /// The frame numbers shown at `seconds` (see `readFrames(atTimes:)`), in the same order.
    public func frameIndices(atTimes seconds: [Double]) throws(VideoError) -> [Int] {
        let index = try scanIndex()
        guard let lastTime = index.timestamps.last else {
            throw VideoError(.frameOutOfRange, "The video has no frames, so no time can be read.")
        }
        let lastDuration =
            index.count > 1 ? lastTime - index.timestamps[index.count - 2] : (info.averageFrameRate.map { 1 / $0 } ?? 0)
        let end = max(info.duration.map { ($0) + (info.startTime ?? 0) } ?? 0, lastTime + lastDuration)
        var frames: [Int] = []
        frames.reserveCapacity(seconds.count)
        for time in seconds {
            guard time.isFinite, time >= 0 else {
                throw VideoError(
                    .invalidArgument, "Time \(time) s is not a valid position; pass a finite number of seconds ≥ 0.")
            }
            guard time < end else {
                throw VideoError(.frameOutOfRange, "Time \(time) s is past the end of the video (\(end) s).")
            }
            frames.append(index.frameIndex(at: time) ?? 0)
        }
        return frames
    }

    private func readExactly(_ targets: [Int], index: FrameIndex, _ body: (DecodedFrame) throws -> Void) throws {
        var held: Int? = nil
        var lastDelivered = -1
        // Packet timestamps pace the skipping and draining below; they are the frames' own only when the
        // packets number the frames.
        let pacesByPackets = numbering == .packetTimestamps
        packetPlan = self.packetPlan(for: targets, index: index)
        defer {
            unwantedBefore = nil
            drainAfter = nil
            packetPlan = PacketPlan()
        }
        if targets[0] <= cursor { try seek(toKeyframe: index.keyframe(atOrBefore: targets[0])) }
        for (position, target) in targets.enumerated() {
            unwantedBefore = pacesByPackets ? presentationTimestamps[target] : nil
            let keyframe = index.keyframe(atOrBefore: target)
            // The last target before a seek (none follows, or the next lies in a later GOP): once its packet is in,
            // nothing more of this GOP is wanted.
            let isLastBeforeSeek =
                position + 1 == targets.count || index.keyframe(atOrBefore: targets[position + 1]) > target
            drainAfter =
                pacesByPackets && isLastBeforeSeek && drainsCleanly(after: keyframe) ? presentationTimestamps[target] : nil
            /// Decodes forward from `held` until `target` or beyond, seeking first when `seeks`.
            func decode(seeking seeks: Bool) throws {
                if seeks {
                    held = try seekAndLand(on: target, keyframe: keyframe, index: index)
                    if numbering == .outputTimestamps, frame.bestEffortTimestamp.flatMap(indexPosition(exactly:)) == nil {
                        throw NumberingMismatch(lastDelivered: lastDelivered)
                    }
                }
                while (held ?? -1) < target, !isFinished {
                    held = try decodeNextFrame() ? currentFrameNumber() : nil
                    cursor = held ?? cursor
                }
            }
            try decode(seeking: (held ?? -1) < target && (keyframe > cursor + 1 || isDraining))
            if held != target, !packetPlan.isEmpty {
                // The plan spared a picture this frame needed after all: decode its GOP again in full.
                packetPlan = PacketPlan()
                try decode(seeking: true)
            }
            if held == target {
                try body(currentDecodedFrame(number: target, requested: target))
                lastDelivered = target
            } else if numbering == .outputTimestamps {
                throw NumberingMismatch(lastDelivered: lastDelivered)
            } else {
                throw try renumberAfterDamage(missing: target)
            }
        }
    }

    /// Seeks to `keyframe` and decodes the first frame; if that frame is already past `target` (the container
    /// index disagreed with the packets), retries from earlier keyframes, finally from the start.
    private func seekAndLand(on target: Int, keyframe: Int, index: FrameIndex) throws(VideoError) -> Int? {
        var candidate = keyframe
        while true {
            try seek(toKeyframe: candidate)
            guard try decodeNextFrame() else { return nil }
            let landed = currentFrameNumber()
            cursor = landed
            if landed <= target || candidate == 0 { return landed }
            candidate = index.keyframe(atOrBefore: candidate - 1)
        }
    }

    private func readKeyframes(_ targets: [Int], index: FrameIndex, _ body: (DecodedFrame) throws -> Void) throws {
        baseDiscard = AVDISCARD_NONKEY
        defer {
            baseDiscard = AVDISCARD_DEFAULT
            drainAfter = nil
        }
        // The frames between keyframes were skipped, so the decoder's references are incomplete: the final
        // `cursor = Int.max` makes the next read seek to a keyframe instead of decoding forward from here.
        var held: Int? = nil
        for target in targets {
            let keyframe = index.nearestKeyframe(to: target)
            if held != keyframe {
                drainAfter = presentationTimestamps[keyframe]
                held = try seekAndLand(on: keyframe, keyframe: keyframe, index: index)
                while let current = held, current < keyframe {
                    held = try decodeNextFrame() ? currentFrameNumber() : nil
                    cursor = held ?? cursor
                }
            }
            if let current = held {
                try body(currentDecodedFrame(number: current, requested: target))
            } else {
                sink.append("Keyframe \(keyframe) (for frame \(target)) could not be decoded (damaged data).")
            }
        }
        cursor = Int.max
    }

    /// Numbers the frames again by decoding (the packets promised a frame the decoder dropped, so from there on
    /// the packet numbering counts one frame too many) and returns the error that tells the caller to choose
    /// its frames again. A helper of `readFramesInParallel` leaves the renumbering to its owner.
    private func renumberAfterDamage(missing target: Int) throws(VideoError) -> VideoError {
        if renumbersOnDamage { _ = try reindexByDecoding() }
        return VideoError(
            .framesRenumbered,
            "Frame \(target) could not be decoded (damaged data), so the frames were numbered again as the decoder outputs them; choose the frames again from the new frame count."
        )
    }

    /// Access by counting output frames from the start of the stream (``FrameNumbering/outputOrder``): one
    /// forward pass up to the last target, no seeking. In keyframe mode each target is served by its nearest
    /// keyframe, as `readKeyframes` would.
    private func readInOutputOrder(
        _ targets: [Int], index: FrameIndex, mode: SeekMode, _ body: (DecodedFrame) throws -> Void
    ) throws {
        guard !targets.isEmpty else { return }
        try seek(toKeyframe: 0)
        let sources = mode == .exact ? targets : targets.map { index.nearestKeyframe(to: $0) }
        for missing in try deliverCounting(sources, requested: targets, body) {
            sink.append("Frame \(missing) could not be decoded (damaged data).")
        }
    }

    /// Access to a stream longer than the pipe buffer: one forward pass, numbering frames as they come out of the
    /// decoder.
    private func readSequentially(_ targets: [Int], _ body: (DecodedFrame) throws -> Void) throws {
        try rewindIfNeeded()
        if let target = try deliverCounting(targets, requested: targets, body).first {
            throw VideoError(
                .frameOutOfRange,
                "Frame index \(target) is out of range: the stream ended after \(decodedSinceStart) frames.")
        }
    }

    /// Decodes on from where the reader stands, numbering frames by counting them from the stream's start, and
    /// hands frame `sources[i]` to `body` as the answer to `requested[i]` (`sources` ascending). Stops after the
    /// last source; returns the sources the stream ended before.
    private func deliverCounting(
        _ sources: [Int], requested: [Int], _ body: (DecodedFrame) throws -> Void
    ) throws -> ArraySlice<Int> {
        var next = 0
        while next < sources.count, try decodeNextFrame() {
            let number = decodedSinceStart - 1
            cursor = number
            while next < sources.count, sources[next] == number {
                try body(currentDecodedFrame(number: number, requested: requested[next]))
                next += 1
            }
        }
        return sources[next...]
    }
}

/// Thrown inside exact access when decoding contradicts an index built by a decoding scan (a seek landed on a
/// frame the scan never saw): the caller switches to counting frames from the start.
private struct NumberingMismatch: Error {
    /// The last target already handed to the caller, so none is delivered twice.
    var lastDelivered: Int
}
