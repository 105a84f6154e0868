import Foundation

/// A lock-guarded stack of workspaces so a backbone can run on several tasks at once.
///
/// Each call checks a workspace out (or makes one), runs, and returns it; concurrent callers get
/// distinct workspaces, so memory grows with the peak concurrency and is then reused.
final class WorkspacePool<Element: AnyObject>: @unchecked Sendable {
    // Safety: `idle` is only touched while `lock` is held; a workspace is used by one caller at a time.
    private let lock = NSLock()
    private var idle: [Element] = []
    private let make: @Sendable () -> Element

    init(_ make: @escaping @Sendable () -> Element) {
        self.make = make
    }

    /// Runs `body` with a workspace no other caller is using.
    func withWorkspace<R>(_ body: (Element) throws -> R) rethrows -> R {
        let workspace = lock.withLock { idle.popLast() } ?? make()
        defer { lock.withLock { idle.append(workspace) } }
        return try body(workspace)
    }
}
