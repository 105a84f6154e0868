import CFFmpeg

/// A reader's deadline and cancellation flag where FFmpeg can see them: the interrupt callback FFmpeg polls while
/// it opens, probes and reads an input (between I/O retries and stream-probing steps), so a deadline or a
/// cancellation also bounds work that happens inside one FFmpeg call — probing a stream that never ends, a
/// demuxer skipping gigabytes of zeros to resync — not only the gaps between packets.
///
/// Owned by the `Demuxer` and the `ByteStream` whose contexts point at it, so it outlives every callback.
final class InterruptDeadline {
    /// When FFmpeg should give up; nil for never.
    let instant: ContinuousClock.Instant?
    /// Raised by another thread when the work is no longer wanted.
    let cancellation: CancellationFlag?

    init(_ instant: ContinuousClock.Instant?, cancellation: CancellationFlag? = nil) {
        self.instant = instant
        self.cancellation = cancellation
    }

    /// Whether the work must stop: the deadline has passed or the flag was raised.
    var hasPassed: Bool {
        if cancellation?.isCancelled == true { return true }
        guard let instant else { return false }
        return ContinuousClock.now >= instant
    }

    /// The error for work stopped by `hasPassed`: cancelled, or timed out.
    var stopped: VideoError {
        cancellation?.isCancelled == true ? Self.cancelled : Self.timedOut
    }

    /// The callback to store in an `AVFormatContext` or hand to `avio_open2`; valid while `self` lives.
    var callback: AVIOInterruptCB {
        AVIOInterruptCB(callback: interruptPastDeadline, opaque: Unmanaged.passUnretained(self).toOpaque())
    }

    /// The error for work the deadline cut short.
    static let timedOut = VideoError(
        .timedOut, "Decoding did not finish within its time budget; allow more time or skip this input.")

    /// The error for work its caller cancelled.
    static let cancelled = VideoError(.cancelled, "Decoding was cancelled before it finished.")
}

/// FFmpeg's interrupt callback: non-zero asks the running call to stop with `AVERROR_EXIT`.
private func interruptPastDeadline(_ opaque: UnsafeMutableRawPointer?) -> Int32 {
    guard let opaque else { return 0 }
    return Unmanaged<InterruptDeadline>.fromOpaque(opaque).takeUnretainedValue().hasPassed ? 1 : 0
}
