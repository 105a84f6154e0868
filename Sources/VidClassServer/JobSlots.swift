import VidClass

/// Admission control: at most `limit` jobs run at once, at most `queueLimit` wait for a turn, and the rest are
/// refused at once (the caller replies 503 with `Retry-After`) rather than piling up in memory.
///
/// ```swift
/// let slots = JobSlots(limit: 2, queueLimit: 4, threadsPerSlot: 1)
/// let slot = try await slots.enter()     // waits in line, or throws JobSlots.Full
/// defer { Task { await slots.leave(slot) } }
/// try await classifier.classify(input, options: ClassifyOptions(compute: slot.compute))
/// ```
///
/// Each slot owns a ``ComputeContext`` with its own threads, so two jobs never compete for the same helpers
/// and a job's compute budget is the machine's cores ÷ `limit`. Waiters are served first in, first out.
actor JobSlots {
    /// A turn to run one job, and the compute threads that go with it.
    struct Slot: Sendable {
        var index: Int
        var compute: ComputeContext
    }

    /// Thrown by ``enter()`` when `limit` jobs run and `queueLimit` wait already.
    struct Full: Error {}

    let limit: Int
    let queueLimit: Int
    private var free: [Slot]
    private var waiting: [CheckedContinuation<Slot, Never>] = []

    init(limit: Int, queueLimit: Int, threadsPerSlot: Int) {
        self.limit = limit
        self.queueLimit = queueLimit
        self.free = (0..<limit).reversed().map { Slot(index: $0, compute: ComputeContext(threads: threadsPerSlot)) }
    }

    /// Jobs running now.
    var running: Int { limit - free.count }
    /// Jobs waiting for a slot.
    var queued: Int { waiting.count }

    /// A free slot, at once or after waiting in line.
    /// - Throws: ``Full`` when the line is `queueLimit` long already.
    func enter() async throws(Full) -> Slot {
        if let slot = free.popLast() { return slot }
        guard waiting.count < queueLimit else { throw Full() }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives `slot` back: to the first waiter, else to the free list.
    func leave(_ slot: Slot) {
        if waiting.isEmpty {
            free.append(slot)
        } else {
            waiting.removeFirst().resume(returning: slot)
        }
    }
}
