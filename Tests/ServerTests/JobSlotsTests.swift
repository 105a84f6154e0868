import Testing

@testable import VidClassServer

/// Admission control without HTTP: slots, the line, refusals, and leaving the line when cancelled.
@Suite struct JobSlotsTests {
    @Test func slotsThenTheLineThenRefusal() async throws {
        let slots = JobSlots(limit: 1, queueLimit: 1, threadsPerSlot: 1)
        let first = try await slots.enter()
        let waiter = Task { try await slots.enter() }
        while await slots.queued < 1 { await Task.yield() }
        await #expect(throws: JobSlots.Full.self) { try await slots.enter() }
        await slots.leave(first)
        let handedOn = try await waiter.value
        #expect(handedOn.index == first.index)
        #expect(await slots.running == 1)
        #expect(await slots.queued == 0)
        await slots.leave(handedOn)
        #expect(await slots.running == 0)
    }

    @Test func aCancelledWaiterLeavesTheLineWithoutASlot() async throws {
        let slots = JobSlots(limit: 1, queueLimit: 2, threadsPerSlot: 1)
        let held = try await slots.enter()
        let waiter = Task { try await slots.enter() }
        while await slots.queued < 1 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await slots.queued == 0)
        #expect(await slots.running == 1)
        await slots.leave(held)
        #expect(await slots.running == 0)
    }
}
