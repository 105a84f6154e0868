import CFFmpeg

/// A reader's deadline where FFmpeg can see it: the interrupt callback FFmpeg polls while it opens, probes and
/// reads an input (between I/O retries and stream-probing steps), so a deadline also bounds work that happens
/// inside one FFmpeg call — probing a stream that never ends, a demuxer skipping gigabytes of zeros to resync —
/// not only the gaps between packets.
///
/// Owned by the `Demuxer` and the `ByteStream` whose contexts point at it, so it outlives every callback.
final class InterruptDeadline {
    /// When FFmpeg should give up; nil for never.
    let instant: ContinuousClock.Instant?

    init(_ instant: ContinuousClock.Instant?) {
        self.instant = instant
    }

    /// Whether the deadline has passed.
    var hasPassed: Bool {
        guard let instant else { return false }
        return ContinuousClock.now >= instant
    }

    /// The callback to store in an `AVFormatContext` or hand to `avio_open2`; valid while `self` lives.
    var callback: AVIOInterruptCB {
        AVIOInterruptCB(callback: interruptPastDeadline, opaque: Unmanaged.passUnretained(self).toOpaque())
    }

    /// The error for work the deadline cut short.
    static let timedOut = VideoError(
        .timedOut, "Decoding did not finish within its time budget; allow more time or skip this input.")
}

/// FFmpeg's interrupt callback: non-zero asks the running call to stop with `AVERROR_EXIT`.
private func interruptPastDeadline(_ opaque: UnsafeMutableRawPointer?) -> Int32 {
    guard let opaque else { return 0 }
    return Unmanaged<InterruptDeadline>.fromOpaque(opaque).takeUnretainedValue().hasPassed ? 1 : 0
}
