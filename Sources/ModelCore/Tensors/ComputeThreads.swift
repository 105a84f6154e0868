import CBLAS
import Foundation
import Synchronization

/// The number of threads ModelCore's compute uses: OpenBLAS's matrix products and the own C kernels.
///
/// ```swift
/// ComputeThreads.set(2)   // e.g. cores ÷ concurrent pipelines in batch mode
/// ```
///
/// The setting is process-wide (OpenBLAS keeps one global pool). It defaults to the number of active
/// processors. Setting it is cheap; do it before heavy work rather than per call.
public enum ComputeThreads {
    private static let current = Atomic<Int>(ProcessInfo.processInfo.activeProcessorCount)

    /// Uses `n` threads (clamped to at least 1) for matrix products and kernels from now on.
    public static func set(_ n: Int) {
        let threads = max(1, n)
        current.store(threads, ordering: .relaxed)
        openblas_set_num_threads(Int32(threads))
    }

    /// The thread count in effect.
    public static var count: Int { current.load(ordering: .relaxed) }
}
