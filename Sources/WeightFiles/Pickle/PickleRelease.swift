import Foundation

/// Frees nested pickle containers one level at a time, so that no input can make freeing recurse.
///
/// Swift frees a value by releasing what it holds, and a class's `deinit` runs inside that release: freeing a
/// tuple of a tuple of … 60 000 levels deep would nest 60 000 `deinit`s and overflow the stack. Instead every
/// container's `deinit` hands its children to ``release(_:)``. The first call on a thread becomes the *drain*:
/// it drops the pending children one by one, and a child whose last reference goes runs its own `deinit`, which
/// finds the drain running, appends its children to the queue and returns at once. The stack stays two frames
/// deep whatever the nesting; the queue holds at most one entry per container still waiting to be freed.
///
/// The queue is per thread (pickles are read concurrently on several threads), kept in the thread's dictionary.
final class PickleRelease {
    private var pending: [PickleValue] = []
    private var isDraining = false

    private static let threadKey = "vidclass.WeightFiles.PickleRelease"

    /// Takes `children` from a container being freed, leaving it empty, and frees them without recursing.
    ///
    /// The container must give its children up (hence `inout`): if it still held them while the queue drains,
    /// they would be freed only afterwards, when Swift destroys its stored properties — one nested drain per
    /// level, which is the recursion this type exists to avoid.
    static func release(_ children: inout [PickleValue]) {
        guard !children.isEmpty else { return }
        let queue = current
        queue.pending.append(contentsOf: children)
        children = []
        guard !queue.isDraining else { return }
        queue.isDraining = true
        // Dropping `value` at the end of each pass may run a container's deinit, which re-enters release(_:)
        // and only appends to `pending`.
        while let value = queue.pending.popLast() {
            _ = value
        }
        queue.isDraining = false
    }

    private static var current: PickleRelease {
        let dictionary = Thread.current.threadDictionary
        if let queue = dictionary[threadKey] as? PickleRelease { return queue }
        let queue = PickleRelease()
        dictionary[threadKey] = queue
        return queue
    }
}
