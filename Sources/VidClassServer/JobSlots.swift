import VidClass

/// Admission control: at most `limit` jobs run at once, at most `queueLimit` wait for a turn, and the rest are
/// refused at once (the caller replies 503 with `Retry-After`) rather than piling up in memory.
///
/// ```swift
/// let slots = JobSlots(limit: 2, queueLimit: 4, threadsPerSlot: 1)
/// let slot = try await slots.enter()     // waits in line, or throws JobSlots.Full
/// let result = try await classifier.classify(input, options: ClassifyOptions(compute: slot.compute))
/// await slots.leave(slot)                // on every path, errors included
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
    private var waiting: [(id: Int, continuation: CheckedContinuation<Slot, any Error>)] = []
    private var nextWaiter = 0

    init(limit: Int, queueLimit: Int, threadsPerSlot: Int) {
        self.limit = limit
        self.queueLimit = queueLimit
        self.free = (0..<limit).reversed().map { Slot(index: $0, compute: ComputeContext(threads: threadsPerSlot)) }
    }

    /// Jobs running now.
    var running: Int { limit - free.count }
    /// Jobs waiting for a slot.
    var queued: Int { waiting.count }

    /// A free slot, at once or after waiting in line. Cancelling the waiting task takes it out of the line.
    /// - Throws: ``Full`` when the line is `queueLimit` long already; `CancellationError` when the task is
    ///   cancelled while it waits.
    func enter() async throws -> Slot {
        if let slot = free.popLast() { return slot }
        guard waiting.count < queueLimit else { throw Full() }
        let id = nextWaiter
        nextWaiter += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { waiting.append((id, $0)) }
        } onCancel: {
            // Runs on the actor after the waiter is in line (the actor is busy until this task suspends).
            Task { await self.stopWaiting(id) }
        }
    }

    /// Gives `slot` back: to the first waiter, else to the free list.
    func leave(_ slot: Slot) {
        if waiting.isEmpty {
            free.append(slot)
        } else {
            waiting.removeFirst().continuation.resume(returning: slot)
        }
    }

    /// Takes waiter `id` out of the line, if it is still in it.
    private func stopWaiting(_ id: Int) {
        guard let position = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: position).continuation.resume(throwing: CancellationError())
    }
}
