import AllocationCounting
import Foundation
import ModelCore
import Testing
import VidClass
import VideoDecoding

/// "Zero heap allocations per frame in steady state": once warmed up, vidclass's own code allocates nothing per
/// decoded or converted frame, and a forward pass allocates only the tensor it returns.
///
/// Every malloc-family call of this test process goes through `AllocationCounting`'s counting wrappers; the
/// counts here are the calling thread's own (other tests run meanwhile), and allocations made by FFmpeg's
/// libraries are told apart by their caller's address, since no option of FFmpeg's API avoids them.
@Suite struct SteadyStateAllocationTests {
    static let clip = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleClips/flipping_a_pancake.mkv").path

    /// This thread's counts so far: all allocations, and those FFmpeg's libraries made.
    static func snapshot() -> (all: UInt64, ffmpeg: UInt64) {
        vc_attribute_ffmpeg_allocations()
        return (vc_thread_heap_allocations(), vc_thread_ffmpeg_heap_allocations())
    }

    /// Allocations made on this thread since `start`: all of them, and those not made by FFmpeg's libraries.
    static func allocations(since start: (all: UInt64, ffmpeg: UInt64)) -> (all: UInt64, ours: UInt64) {
        let now = snapshot()
        return (now.all - start.all, (now.all - start.all) - (now.ffmpeg - start.ffmpeg))
    }

    /// Allocations made on this thread by `body`.
    static func allocations(_ body: () throws -> Void) rethrows -> (all: UInt64, ours: UInt64) {
        let start = snapshot()
        try body()
        return allocations(since: start)
    }

    /// A single-threaded decoder does all its work on this thread, so FFmpeg's allocations are seen too: the
    /// test checks that some were counted (the wrappers are in place) and that none came from elsewhere.
    @Test func decodingFramesAllocatesNothingOutsideFFmpeg() throws {
        let reader = try VideoReader(.path(Self.clip), options: DecoderOptions(threadCount: 1))
        var seen = 0
        var start: (all: UInt64, ffmpeg: UInt64)?
        var counted: (all: UInt64, ours: UInt64)?
        try reader.forEachFrame { _ in
            seen += 1
            if seen == 30 { start = Self.snapshot() }
            if seen == 130, let start { counted = Self.allocations(since: start) }
            return seen < 130
        }
        #expect(seen == 130)
        #expect((counted?.all ?? 0) > 0)
        #expect(counted?.ours == 0)
    }

    @Test func convertingAFrameIntoAReusedSlotAllocatesNothing() throws {
        let spec = PreprocessSpec()
        let reader = try VideoReader(.path(Self.clip), options: DecoderOptions(threadCount: 1))
        var slot = [Float](repeating: 0, count: spec.valuesPerFrame)
        var counted: (all: UInt64, ours: UInt64)?
        try reader.forEachFrame { frame in
            try frame.writeTensor(into: &slot, at: 0, spec: spec)
            counted = try Self.allocations {
                for _ in 0..<10 { try frame.writeTensor(into: &slot, at: 0, spec: spec) }
            }
            return false
        }
        #expect(counted?.all == 0)
    }

    /// Two frames on one thread: the returned tensor's values and shape, nothing per layer or per frame.
    @Test func aForwardPassAllocatesOnlyTheTensorItReturns() throws {
        let backbone = try ModelBundle(contentsOf: try ModelBundle.defaultPath()).backbone
        let input = Tensor(shape: [2, 224, 224, 3], values: [Float](repeating: 0.25, count: 2 * 224 * 224 * 3))
        let oneThread = ComputeContext.process.withThreads(1)
        _ = try backbone.features(input, in: oneThread)
        let counted = try Self.allocations {
            for _ in 0..<3 { _ = try backbone.features(input, in: oneThread) }
        }
        #expect(counted.all <= 3 * 2)
    }
}
