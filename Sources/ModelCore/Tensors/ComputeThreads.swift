import Foundation
import Synchronization

/// The number of threads ModelCore's compute uses.
///
/// ```swift
/// ComputeThreads.set(2)   // e.g. cores ÷ concurrent pipelines in batch mode
/// ```
///
/// The setting is process-wide and defaults to the number of active processors. ModelCore splits work
/// itself — frames across threads for batches, rows of each layer for a single frame — with its own kernels, so
/// no library thread pool competes with it. Setting it is cheap; do it before heavy work rather than per call.
public enum ComputeThreads {
    private static let current = Atomic<Int>(ProcessInfo.processInfo.activeProcessorCount)

    /// Uses `n` threads (clamped to at least 1) from now on.
    public static func set(_ n: Int) {
        current.store(max(1, n), ordering: .relaxed)
    }

    /// The thread count in effect.
    public static var count: Int { current.load(ordering: .relaxed) }
}
