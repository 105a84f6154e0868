import Foundation
import Synchronization

extension VideoReader {
    /// `readFrames(at:mode:)` by several single-threaded decoders at once: `body` sees what `readFrames` would
    /// show it, one call at a time (never two at once), but in no particular order and possibly on another
    /// thread. See ``readFramesInParallel(at:mode:decoders:whenOutOfWork:_:)`` for how the work is shared.
    public func readFramesConcurrently(
        at indices: [Int], mode: SeekMode = .exact, decoders: Int? = nil, _ body: (DecodedFrame) throws -> Void
    ) throws {
        let serial = NSLock()
        try withoutActuallyEscaping(body) { body in
            let delivery = UncheckedCallback(body: body)
            try readFramesInParallel(at: indices, mode: mode, decoders: decoders) { frame, _ in
                try serial.withLock { try delivery.body(frame) }
            }
        }
    }

    /// `readFrames(at:mode:)` by several single-threaded decoders at once, with `body` running on the decoding
    /// threads themselves, concurrently: whatever it does with a frame (convert it, run a network on it)
    /// overlaps with the other decoders' work. `worker` says which decoding thread calls and how many there are
    /// (so `body` can size its own parallelism); frames arrive in no particular order.
    ///
    /// Why: exact access seeks from GOP to GOP, and FFmpeg's frame threading must refill its pipeline after every
    /// seek, so on a sampled clip extra decoder threads barely help (measured on a 1080p H.264 clip, 16 frames:
    /// 1.98 s with one thread, 1.84 s with two). Independent GOPs decode in parallel without that cost. The
    /// targets are grouped by the GOP they are decoded from (in keyframe mode, by their nearest keyframe, so
    /// each keyframe is decoded once); every worker opens the same file or bytes again (a few milliseconds; a
    /// pipe held in memory is shared, not copied), reuses this reader's index, and takes the next undone GOP until
    /// none is left, so a worker that drew cheap GOPs takes more of them. The GOPs are handed out costliest first (see `longestFirst`), so the run does not end with
    /// one core decoding a long GOP while the other idles. This reader's own decoder stays idle.
    ///
    /// Each worker calls `whenOutOfWork` exactly once, on its own thread, when it finds no GOP left to take (or
    /// has failed): the caller can use the thread for work `body` set aside, while the other workers may still be
    /// decoding and calling `body`. This call returns once every worker has returned from it.
    ///
    /// `decoders` defaults to the reader's thread count (the active cores when it is 0). Falls back to
    /// `readFrames` — ascending order, this thread, a single worker — for one decoder, a single GOP, or an input that
    /// cannot be opened twice (a custom seekable source, a pipe longer than the pipe buffer). Problems the workers
    /// meet land in this reader's `report`; the first error thrown (by decoding, `body` or `whenOutOfWork`) stops
    /// every worker at its next GOP and is rethrown. Memory: one more decoder per worker.
    public func readFramesInParallel(
        at indices: [Int], mode: SeekMode = .exact, decoders: Int? = nil,
        whenOutOfWork: @Sendable (DecodingWorker) throws -> Void = { _ in },
        _ body: @Sendable (DecodedFrame, _ worker: DecodingWorker) throws -> Void
    ) throws {
        func alone() throws {
            try readFrames(at: indices, mode: mode) { try body($0, .alone) }
            try whenOutOfWork(.alone)
        }
        let wanted = decoders ?? (options.threadCount > 0 ? options.threadCount : ProcessInfo.processInfo.activeProcessorCount)
        let targets = Array(Set(indices)).sorted()
        guard wanted > 1, let reopenable, info.isSeekable, let first = targets.first, let last = targets.last, first >= 0
        else { return try alone() }
        let index = try scanIndex()
        // Frames numbered by counting from the start (``FrameNumbering/outputOrder``) are decoded once, front to back.
        guard last < index.count, numbering.seeks else { return try alone() }
        let gops = Self.longestFirst(Self.gopGroups(targets, index: index, mode: mode), index: index, mode: mode)
        guard gops.count > 1 else { return try alone() }

        let helperOptions = DecoderOptions(
            threadCount: 1, applyRotation: options.applyRotation, streamIndex: Int(demuxer.stream.pointee.index),
            maximumFramePixels: options.maximumFramePixels, deadline: options.deadline,
            pipeBufferLimit: options.pipeBufferLimit, cancellation: options.cancellation)
        let shared = SharedIndex(reader: self)
        let nextGOP = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let workers = min(wanted, gops.count)
        DispatchQueue.concurrentPerform(iterations: workers) { number in
            let worker = DecodingWorker(number: number, count: workers)
            do {
                let helper = try VideoReader(reopenable.input, options: helperOptions)
                helper.adoptIndex(of: shared.reader)
                defer { for message in helper.report.messages { shared.reader.sink.append(message) } }
                while failure.withLock({ $0 == nil }) {
                    let gop = nextGOP.add(1, ordering: .relaxed).oldValue
                    guard gop < gops.count else { break }
                    try helper.readFrames(at: gops[gop], mode: mode) { try body($0, worker) }
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
            do {
                try whenOutOfWork(worker)
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) {
            if let error = error as? VideoError, error.kind == .framesRenumbered {
                _ = try reindexByDecoding()
            }
            throw error
        }
    }

    /// Ascending `targets` grouped by the keyframe each is decoded from: the one at or before it in exact mode,
    /// the nearest one in keyframe mode. Groups come in ascending order; each is one worker's unit of work.
    static func gopGroups(_ targets: [Int], index: FrameIndex, mode: SeekMode) -> [[Int]] {
        var groups: [[Int]] = []
        var keyframeOfLast = -1
        for target in targets {
            let keyframe = mode == .exact ? index.keyframe(atOrBefore: target) : index.nearestKeyframe(to: target)
            if keyframe == keyframeOfLast, !groups.isEmpty {
                groups[groups.count - 1].append(target)
            } else {
                groups.append([target])
                keyframeOfLast = keyframe
            }
        }
        return groups
    }

    /// `groups` (from `gopGroups`) in the order workers should take them: the most frames to decode first, the
    /// classic longest-processing-time rule, which leaves only short GOPs for the end of the run. In exact mode
    /// a group decodes from its keyframe to its last target; in keyframe mode each group decodes one keyframe per
    /// target, so the order does not matter and is kept. Ties keep their ascending order.
    ///
    /// For example, 16 uniform targets over 600 frames in GOPs of 60 give groups spanning 57, 34, 49, 27, 42, 57,
    /// 34, 49, 27 and 42 frames. Two workers taking them in file order finish after 228 and 190 frames' worth of
    /// decoding (the last GOP falls to one worker while the other has nothing left); longest first, both finish
    /// at 209.
    static func longestFirst(_ groups: [[Int]], index: FrameIndex, mode: SeekMode) -> [[Int]] {
        guard mode == .exact else { return groups }
        let spans = groups.map { $0.last! - index.keyframe(atOrBefore: $0.first!) + 1 }
        return groups.indices.sorted { spans[$0] != spans[$1] ? spans[$0] > spans[$1] : $0 < $1 }.map { groups[$0] }
    }

    /// Takes `other`'s frame index (same file, same stream), so a helper reader does not scan again.
    private func adoptIndex(of other: VideoReader) {
        cachedIndex = other.cachedIndex
        numbering = other.numbering
        renumbersOnDamage = false
        presentationTimestamps = other.presentationTimestamps
        keyframeSeekTargets = other.keyframeSeekTargets
        startSeekTarget = other.startSeekTarget
        streamPictures = other.streamPictures
        plansReferences = other.plansReferences
    }
}

/// The reader that owns the index, shared by the worker threads of `readFramesInParallel`.
private struct SharedIndex: @unchecked Sendable {
    // Safety: `reader` is only read (its index, after `scanIndex` has cached it) and its thread-safe `sink`
    // appended to.
    let reader: VideoReader
}

/// A caller's frame callback carried into the worker threads of `readFramesConcurrently`.
private struct UncheckedCallback: @unchecked Sendable {
    // Safety: `readFramesConcurrently` only calls `body` while holding its delivery lock, so never concurrently.
    let body: (DecodedFrame) throws -> Void
}

/// Which of the decoding threads of ``VideoReader/readFramesInParallel(at:mode:decoders:whenOutOfWork:_:)`` delivers a frame.
public struct DecodingWorker: Sendable, Equatable {
    /// 0 ..< `count`: for per-thread scratch.
    public var number: Int
    /// How many decoding threads deliver frames at once; 1 when the reader decodes on the caller's thread.
    public var count: Int

    /// The caller's own thread, decoding alone.
    public static let alone = DecodingWorker(number: 0, count: 1)
}
