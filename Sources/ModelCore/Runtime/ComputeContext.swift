import Foundation

/// The threads a model computation may use: how many, and the pool of helper threads they run on.
///
/// ```swift
/// let features = try backbone.features(batch)                                 // .process: every core
/// let features = try backbone.features(batch, in: .process.withThreads(2))    // two threads, shared helpers
/// let worker = ComputeContext(threads: 4)        // a server's worker slot: its own four threads
/// let features = try backbone.features(batch, in: worker)
/// ```
///
/// A context is a value passed down to each computation, never a process-wide setting: two requests (or two
/// batch shards) in one process each compute within their own budget. ``process`` is the default: one thread per
/// active core, on helpers shared by the whole process (a region another caller's work occupies falls back to
/// `DispatchQueue.concurrentPerform`, so callers sharing it never wait for one another). `init(threads:)` starts
/// its own helpers (`threads − 1` threads that park when idle); they end when the last copy of the context, and
/// of every context made from it with ``withThreads(_:)``, is gone.
///
/// Cost: copying a context is a reference-count increment; nothing is allocated per computation.
public struct ComputeContext: Sendable, Equatable, CustomStringConvertible {
    /// How many threads one computation may split across (at least 1).
    public let threads: Int
    private let owner: PoolOwner

    /// One thread per active core, on the process's shared helpers: what a computation uses when given nothing.
    public static let process = ComputeContext(
        threads: ProcessInfo.processInfo.activeProcessorCount, owner: PoolOwner.process)

    /// One thread, the caller's: what an idle workspace holds, so it keeps no caller's helpers alive.
    static let serial = process.withThreads(1)

    /// A context with its own `threads` threads (clamped to 1...256): the caller's and `threads − 1` helpers.
    public init(threads: Int) {
        let threads = min(max(1, threads), 256)
        self.init(threads: threads, owner: PoolOwner(ComputePool(helpers: threads - 1), endsHelpersOnRelease: true))
    }

    private init(threads: Int, owner: PoolOwner) {
        self.threads = max(1, threads)
        self.owner = owner
    }

    /// The same helpers, with `threads` threads per computation (at least 1): `.process.withThreads(2)` is the
    /// process's pool limited to two threads. More threads than the pool has helpers for run through
    /// `concurrentPerform` instead.
    public func withThreads(_ threads: Int) -> ComputeContext {
        ComputeContext(threads: threads, owner: owner)
    }

    /// The helper threads parallel regions run on.
    var pool: ComputePool { owner.pool }

    /// Equal when both use the same helpers with the same thread count.
    public static func == (lhs: ComputeContext, rhs: ComputeContext) -> Bool {
        lhs.threads == rhs.threads && lhs.owner === rhs.owner
    }

    public var description: String {
        "\(threads) compute thread\(threads == 1 ? "" : "s")\(owner === PoolOwner.process ? "" : " (own pool)")"
    }
}

/// Keeps a `ComputePool` for the contexts that share it; the last context to go ends the pool's helpers.
private final class PoolOwner: Sendable {
    /// The process-wide pool behind ``ComputeContext/process``: one helper per core besides the caller's.
    static let process = PoolOwner(
        ComputePool(helpers: ProcessInfo.processInfo.activeProcessorCount - 1), endsHelpersOnRelease: false)

    let pool: ComputePool
    private let endsHelpersOnRelease: Bool

    init(_ pool: ComputePool, endsHelpersOnRelease: Bool) {
        self.pool = pool
        self.endsHelpersOnRelease = endsHelpersOnRelease
    }

    deinit {
        if endsHelpersOnRelease { pool.dismissHelpers() }
    }
}
