import CKernels
import Dispatch

/// Splits `0..<count` into up to `context.threads` contiguous ranges and runs `body(part, range)` on each
/// concurrently, with denormals flushed to zero on every participating thread. The parts run on the context's
/// `ComputePool` helpers when it is free (a frame's chain of short layers then pays no wake-up per layer),
/// otherwise through `concurrentPerform`.
///
/// With one thread, or less than `minimumPerThread` items per thread, `body` runs once on the caller's
/// thread, so small layers pay no dispatch cost. `part` numbers the ranges from 0, for per-thread scratch.
/// `body` must only write data owned by its own range, which is why sharing it across threads is sound.
func parallelRanges(
    _ count: Int, on context: ComputeContext, minimumPerThread: Int = 1,
    _ body: (_ part: Int, _ range: Range<Int>) -> Void
) {
    let parts = min(context.threads, count / max(minimumPerThread, 1))
    guard parts > 1 else {
        if count > 0 { flushingDenormals { body(0, 0..<count) } }
        return
    }
    // Sharing `body` with other threads takes one escaping conversion (one small heap object per region; the
    // pool and `RangeWork` add none).
    withoutActuallyEscaping(body) { body in
        let work = RangeWork(count: count, parts: parts, body: body)
        if context.pool.run(work) { return }
        DispatchQueue.concurrentPerform(iterations: parts) { work.run(part: $0) }
    }
}

/// Runs `body` with flush-to-zero / denormals-are-zero on, restoring the thread's mode after.
private func flushingDenormals(_ body: () -> Void) {
    let mode = vc_flush_denormals()
    body()
    vc_restore_floating_point_mode(mode)
}

/// One parallel region: `body` over `0..<count` cut into `parts` contiguous ranges, part `p` covering
/// `count·p/parts ..< count·(p+1)/parts`, each run with denormals flushed.
struct RangeWork: @unchecked Sendable {
    // Safety: each thread receives a different range and the kernels write only that range's rows;
    // everything else the closure captures is read-only during the call.
    let count: Int
    let parts: Int
    let body: (_ part: Int, _ range: Range<Int>) -> Void

    func run(part: Int) {
        flushingDenormals { body(part, (count * part / parts)..<(count * (part + 1) / parts)) }
    }
}
