import Foundation

/// A lock-guarded stack of `Workspace`s so a backbone can run on several tasks at once.
///
/// Each call checks a workspace out (or creates one), runs, and returns it; concurrent callers get
/// distinct workspaces, so memory grows with the peak concurrency and is then reused.
final class WorkspacePool: @unchecked Sendable {
    // Safety: `idle` is only touched while `lock` is held; a workspace is used by one caller at a time.
    private let lock = NSLock()
    private var idle: [Workspace] = []

    /// Runs `body` with a workspace no other caller is using.
    func withWorkspace<R>(_ body: (Workspace) throws -> R) rethrows -> R {
        let workspace = lock.withLock { idle.popLast() } ?? Workspace()
        defer { lock.withLock { idle.append(workspace) } }
        return try body(workspace)
    }
}
