/// The frames a streaming sampler holds, in increasing index order, with a nearest-index lookup.
///
/// Streaming samplers append frames as the stream offers them, drop the ones they no longer need, and at the
/// end answer "which held frame is nearest to index `t`?" by binary search. The buffer also records its
/// high-water mark so tests can check memory bounds. Cost: `append` amortised `O(1)`, `removeLast` `O(1)`, `removeAll(where:)`
/// `O(count)`, `nearest(to:)` `O(log count)`.
struct KeptFrames<Element> {
    private(set) var entries: [(index: Int, element: Element)] = []

    /// The most entries ever held at once.
    private(set) var peakCount = 0

    var count: Int { entries.count }

    var isEmpty: Bool { entries.isEmpty }

    /// Adds a frame whose index is greater than every index held.
    mutating func append(_ index: Int, _ element: Element) {
        precondition(entries.last.map { $0.index < index } ?? true, "frames must be kept in increasing index order")
        entries.append((index, element))
        peakCount = max(peakCount, entries.count)
    }

    /// Drops the most recently appended frame, if any.
    mutating func removeLast() {
        _ = entries.popLast()
    }

    /// Drops the frames whose index satisfies `shouldRemove`, keeping the others in order.
    mutating func removeAll(where shouldRemove: (Int) -> Bool) {
        entries.removeAll { shouldRemove($0.index) }
    }

    /// The number of held frames whose index satisfies `predicate`.
    func count(where predicate: (Int) -> Bool) -> Int {
        entries.count { predicate($0.index) }
    }

    /// The held frame whose index is nearest to `target`, ties going to the earlier frame; needs a non-empty
    /// buffer.
    func nearest(to target: Int) -> (index: Int, element: Element) {
        entries[nearestPosition(of: target, amongAscending: entries.count) { entries[$0].index }]
    }
}

extension KeptFrames: Sendable where Element: Sendable {}
