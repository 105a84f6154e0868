extension VideoReader {
    /// Decodes every frame in presentation order and passes each to `body`; return false to stop early.
    ///
    /// Works on pipes (one pass). On seekable inputs it first builds the frame index (one demux-only pass)
    /// so frame numbers agree with `readFrames(at:)` even when damaged frames are skipped, and it starts from
    /// the first frame whatever was read before. Cost: a full decode up to where `body` stops.
    public func forEachFrame(_ body: (DecodedFrame) throws -> Bool) throws {
        if info.isSeekable {
            _ = try scanIndex()
        }
        try rewindIfNeeded()
        while try decodeNextFrame() {
            let number = currentFrameNumber()
            cursor = number
            guard try body(currentDecodedFrame(number: number, requested: number)) else { return }
        }
    }
}
