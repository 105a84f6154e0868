import AllocationCounting
import ModelCore
import VidClass
import VideoDecoding

/// The "zero heap allocations per frame in steady state", counted: every malloc-family call of the
/// process (the Swift runtime, FFmpeg, the kernels) goes through the counting wrappers of `AllocationCounting`,
/// and each stage is counted only after it has warmed up (buffers sized, pools filled, workspaces made).
/// Allocations made by FFmpeg's own code are counted apart, since no option of its API avoids them.
enum HeapAllocations {
    /// Allocations per unit of work: all of them, and those FFmpeg's libraries made.
    struct Count {
        var all: Double
        var ffmpeg: Double
        var others: Double { all - ffmpeg }

        /// The process's counts so far.
        static func snapshot() -> (all: UInt64, ffmpeg: UInt64) { (vc_heap_allocations(), vc_ffmpeg_heap_allocations()) }

        /// What was allocated since `start`, per `units`.
        init(since start: (all: UInt64, ffmpeg: UInt64), units: Int) {
            let now = Self.snapshot()
            all = Double(now.all - start.all) / Double(units)
            ffmpeg = Double(now.ffmpeg - start.ffmpeg) / Double(units)
        }

        /// Counts what `body` allocates, per `units`.
        static func of(units: Int, _ body: () throws -> Void) rethrows -> Count {
            let start = snapshot()
            try body()
            return Count(since: start, units: units)
        }
    }

    /// The stages, each as one output line: `allocs-STAGE ALL per frame (FFMPEG by FFmpeg, OTHERS elsewhere)`.
    static func report(clip path: String) throws -> [String] {
        vc_attribute_ffmpeg_allocations()
        let stages: [(String, Count)] = [
            ("decode", try decoding(path, threads: 0)),
            ("decode-1thread", try decoding(path, threads: 1)),
            ("convert", try converting(path, times: 100)),
            ("forward-batch1-1thread", try forward(batch: 1, threads: 1, calls: 20)),
            ("forward-batch1-2threads", try forward(batch: 1, threads: 2, calls: 20)),
            ("forward-batch16-2threads", try forward(batch: 16, threads: 2, calls: 4)),
        ]
        func show(_ value: Double) -> String { String(format: "%.2f", value) }
        return stages.map { name, count in
            "allocs-\(name) \(show(count.all)) per frame (\(show(count.ffmpeg)) by FFmpeg, \(show(count.others)) elsewhere)"
        }
    }

    /// Per decoded frame of a sequential decode (demuxing, packets, the decoder), frames 60–359.
    private static func decoding(_ path: String, threads: Int) throws -> Count {
        let (warmUp, frames) = (60, 300)
        let reader = try VideoReader(.path(path), options: DecoderOptions(threadCount: threads))
        var seen = 0
        var start: (all: UInt64, ffmpeg: UInt64)?
        var count: Count?
        try reader.forEachFrame { _ in
            seen += 1
            if seen == warmUp { start = Count.snapshot() }
            if seen == warmUp + frames, let start { count = Count(since: start, units: frames) }
            return seen < warmUp + frames
        }
        guard seen == warmUp + frames, let count else {
            throw VideoError(.invalidArgument, "The clip has fewer than \(warmUp + frames) frames.")
        }
        return count
    }

    /// Per conversion of one decoded frame into a reused 224² tensor slot (a single-threaded decoder, so no
    /// decoding runs meanwhile).
    private static func converting(_ path: String, times: Int) throws -> Count {
        let spec = PreprocessSpec()
        let reader = try VideoReader(.path(path), options: DecoderOptions(threadCount: 1))
        var slot = [Float](repeating: 0, count: spec.valuesPerFrame)
        var count: Count?
        try reader.forEachFrame { frame in
            try frame.writeTensor(into: &slot, at: 0, spec: spec)
            count = try Count.of(units: times) {
                for _ in 0..<times { try frame.writeTensor(into: &slot, at: 0, spec: spec) }
            }
            return false
        }
        guard let count else { throw VideoError(.invalidArgument, "The clip has no frame to convert.") }
        return count
    }

    /// Per frame of an EfficientNet-Lite0 forward, the returned tensor included.
    private static func forward(batch: Int, threads: Int, calls: Int) throws -> Count {
        let backbone = try ModelBundle(contentsOf: try ModelBundle.defaultPath()).backbone
        let input = Workloads.input(batch: batch)
        let compute = ComputeContext.process.withThreads(threads)
        _ = try backbone.features(input, in: compute)
        return try Count.of(units: calls * batch) {
            for _ in 0..<calls { _ = try backbone.features(input, in: compute) }
        }
    }
}
