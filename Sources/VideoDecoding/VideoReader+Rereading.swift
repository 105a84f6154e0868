extension VideoReader {
    /// `seek(toKeyframe:)` for a stream without timestamps to seek by (raw H.264 and HEVC elementary streams,
    /// `Demuxer.seeksOnlyToStart`): a keyframe ahead of the last decoded frame is reached by decoding on, any other
    /// by starting again from the first byte.
    ///
    /// Such frames carry no timestamps either, so they are numbered by counting from the start, which gives
    /// exactly the frames, in the order, that `ffmpeg -i X -f rawvideo -` outputs. Cost: going back decodes from
    /// the start again, so ascending requests (as `readFrames` makes them) decode the stream at most once.
    func seekByRereading(toKeyframe keyframe: Int) throws(VideoError) {
        if cursor >= 0, keyframe > cursor, !isDraining, !isFinished { return }
        try demuxer.rewindToStart()
        decoder.flush()
        isDraining = false
        lastSentTimestamp = nil
        isFinished = false
        cursor = -1
        decodedSinceStart = 0
    }
}
