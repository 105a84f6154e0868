import Foundation
import Synchronization

extension VideoReader {
    /// `readFrames(at:mode:)` by several single-threaded decoders at once, each on its own run of GOPs: `body`
    /// sees what `readFrames` would show it, one call at a time (never two at once), but in no particular order
    /// and possibly on another thread.
    ///
    /// Why: exact access seeks from GOP to GOP, and FFmpeg's frame threading must refill its pipeline after every
    /// seek, so on a sampled clip extra decoder threads barely help (measured on a 1080p H.264 clip, 16 frames:
    /// 1.98 s with one thread, 1.84 s with two). Independent GOPs decode in parallel without that cost. The
    /// targets are split into `decoders` runs of whole GOPs with about equal work (frames from each GOP's keyframe
    /// to its last target); each run gets a helper reader that opens the same file again (a few milliseconds) and
    /// reuses this reader's index. This reader's own decoder stays idle. In keyframe mode the same split spreads
    /// the keyframe decodes and conversions; a keyframe nearest to targets of two runs is decoded by both.
    ///
    /// `decoders` defaults to the reader's thread count (the active cores when it is 0). Falls back to
    /// `readFrames` — ascending order, this thread — for one decoder, a single GOP, or an input that cannot be
    /// opened twice (standard input, bytes, custom sources). Problems the helpers meet land in this reader's
    /// `report`. Memory: one more decoder per run.
    public func readFramesConcurrently(
        at indices: [Int], mode: SeekMode = .exact, decoders: Int? = nil, _ body: (DecodedFrame) throws -> Void
    ) throws {
        let wanted = decoders ?? (options.threadCount > 0 ? options.threadCount : ProcessInfo.processInfo.activeProcessorCount)
        let targets = Array(Set(indices)).sorted()
        guard wanted > 1, let path, info.isSeekable, let first = targets.first, let last = targets.last, first >= 0
        else {
            return try readFrames(at: indices, mode: mode, body)
        }
        let index = try scanIndex()
        guard last < index.count else { return try readFrames(at: indices, mode: mode, body) }
        let runs = Self.gopRuns(targets, index: index, count: wanted)
        guard runs.count > 1 else { return try readFrames(at: indices, mode: mode, body) }

        let helperOptions = DecoderOptions(
            threadCount: 1, applyRotation: options.applyRotation, streamIndex: Int(demuxer.stream.pointee.index),
            maximumFramePixels: options.maximumFramePixels, deadline: options.deadline)
        let serial = NSLock()
        let failure = Mutex<(any Error)?>(nil)
        withoutActuallyEscaping(body) { body in
            let shared = SerialDelivery(body: body, reader: self)
            DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                do {
                    let helper = try VideoReader(.path(path), options: helperOptions)
                    helper.adoptIndex(of: shared.reader)
                    try helper.readFrames(at: runs[run], mode: mode) { frame in
                        try serial.withLock { try shared.body(frame) }
                    }
                    for message in helper.report.messages { shared.reader.sink.append(message) }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Splits ascending `targets` into at most `count` runs of whole GOPs, cutting where the decoding work so far
    /// (frames from each GOP's keyframe to its last target) passes an equal share of the total.
    static func gopRuns(_ targets: [Int], index: FrameIndex, count: Int) -> [[Int]] {
        var gops: [(targets: [Int], work: Int)] = []
        var keyframeOfLast = -1
        for target in targets {
            let keyframe = index.keyframe(atOrBefore: target)
            if keyframe == keyframeOfLast, !gops.isEmpty {
                gops[gops.count - 1].targets.append(target)
                gops[gops.count - 1].work = target - keyframe + 1
            } else {
                gops.append(([target], target - keyframe + 1))
                keyframeOfLast = keyframe
            }
        }
        let total = gops.reduce(0) { $0 + $1.work }
        var runs: [[Int]] = [[]]
        var done = 0
        for gop in gops {
            if !runs[runs.count - 1].isEmpty, runs.count < count, done * count >= total * runs.count {
                runs.append([])
            }
            runs[runs.count - 1] += gop.targets
            done += gop.work
        }
        return runs
    }

    /// Takes `other`'s frame index (same file, same stream), so a helper reader does not scan again.
    private func adoptIndex(of other: VideoReader) {
        cachedIndex = other.cachedIndex
        presentationTimestamps = other.presentationTimestamps
    }
}

/// The caller's frame callback and the reader that owns the index, shared by the helper threads of
/// `readFramesConcurrently`.
private struct SerialDelivery: @unchecked Sendable {
    // Safety: `body` is only called while the delivery lock is held, so never concurrently; `reader` is only read
    // (its index, after `scanIndex` has cached it) and its thread-safe `sink` appended to.
    let body: (DecodedFrame) throws -> Void
    let reader: VideoReader
}
