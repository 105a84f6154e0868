import Dispatch

/// Splits `0..<count` into one contiguous range per compute thread and runs `body` on each concurrently.
///
/// With one thread, or less than `minimumPerThread` items per thread, `body` runs once on the caller's
/// thread, so small layers pay no dispatch cost. `body` must only write data owned by its own range
/// (kernels write disjoint output rows), which is why sharing it across threads is sound.
func parallelRanges(_ count: Int, minimumPerThread: Int = 1, _ body: (Range<Int>) -> Void) {
    let threads = min(ComputeThreads.count, count / max(minimumPerThread, 1))
    guard threads > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let shared = DisjointWork(body: body)
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            shared.body((count * part / threads)..<(count * (part + 1) / threads))
        }
    }
}

/// A work closure run on disjoint ranges by several threads at once.
private struct DisjointWork: @unchecked Sendable {
    // Safety: each thread receives a different range and the kernels write only that range's rows;
    // everything else the closure captures is read-only during the call.
    let body: (Range<Int>) -> Void
}
