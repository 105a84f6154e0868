import CKernels
import Dispatch
import Foundation
import Synchronization

/// Helper threads for `parallelRanges` that stay awake for a moment between parallel regions.
///
/// A forward pass on one frame split across threads is a chain of short parallel regions (one to three per
/// block, from tens of microseconds to a millisecond each). `DispatchQueue.concurrentPerform` wakes a parked
/// worker for every region, and in these VMs that takes about 30 µs: two halves of 300 µs took 341 µs instead
/// of 313, and with halves of 30 µs the worker never arrived in time, so the caller ran both alone. Here each
/// helper, after finishing its part, spins on the region counter for up to `spinNanoseconds`, so the next region
/// starts on it at once; with no work for that long it parks on its own semaphore and costs nothing until woken.
/// Measured on EfficientNet-Lite0 at batch 1 on two threads, alternating both ways in one process: median
/// 10.3–12.8 ms a frame against 10.8–13.7 with `concurrentPerform`.
///
/// One region runs at a time: a caller that finds the pool busy (another thread's region, or one nested inside a
/// part) gets `false` from `run` and splits its work some other way. A pool is owned by the `ComputeContext`s
/// made for it; when the last of a private pool's contexts goes, `dismissHelpers` ends its threads.
final class ComputePool: @unchecked Sendable {
    // Safety: `work` is written only by the caller that holds `inUse`, before it publishes a region, and cleared
    // only after every helper taking part has reported back; helpers read it only in between (see `serve`).

    /// How long a helper keeps polling for the next region before it parks.
    static let spinNanoseconds: UInt64 = 100_000

    /// A helper thread's parking place. Each helper has its own semaphore: with a shared one, a helper that parks
    /// late can take the wake-up meant for one that must run the next part, which then sleeps on.
    private final class Parking: Sendable {
        let isParked = Atomic<Bool>(false)
        let wakeUp = DispatchSemaphore(value: 0)
    }

    /// The number of helper threads; a region has at most `helpers + 1` parts.
    let helpers: Int
    private let parking: [Parking]
    private let inUse = Atomic<Bool>(false)
    /// The current region: a counter that changes with every region, times 256, plus its number of parts.
    private let region = Atomic<Int>(0)
    private let unfinished = Atomic<Int>(0)
    /// Set once no region will come again: each helper then returns from `serve`.
    private let dismissed = Atomic<Bool>(false)
    private var work: RangeWork?

    init(helpers: Int) {
        self.helpers = max(0, min(helpers, 255))
        parking = (0..<self.helpers).map { _ in Parking() }
        for part in 1..<(self.helpers + 1) {
            let thread = Thread { self.serve(part: part) }
            thread.name = "vidclass compute \(part)"
            thread.start()
        }
    }

    /// Runs every part of `work`, part 0 on this thread and the others on helpers, and returns when all are done;
    /// returns false without running anything when the pool is busy or has fewer than `work.parts - 1` helpers.
    func run(_ work: RangeWork) -> Bool {
        let parts = work.parts
        guard parts > 1, parts - 1 <= helpers else { return false }
        guard inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        self.work = work
        unfinished.store(parts - 1, ordering: .relaxed)
        let next = (region.load(ordering: .relaxed) >> 8 &+ 1) << 8 | parts
        region.store(next, ordering: .sequentiallyConsistent)
        for helper in parking.prefix(parts - 1) where helper.isParked.exchange(false, ordering: .sequentiallyConsistent) {
            helper.wakeUp.signal()
        }
        work.run(part: 0)
        while unfinished.load(ordering: .acquiring) > 0 { vc_spin_pause() }
        self.work = nil
        inUse.store(false, ordering: .releasing)
        return true
    }

    /// A helper's life: wait for a region, take part `part` of it if the region has that many, report back.
    private func serve(part: Int) {
        var seen = 0
        while true {
            seen = nextRegion(after: seen, parking: parking[part - 1])
            if dismissed.load(ordering: .sequentiallyConsistent) { return }
            guard part < seen & 0xFF else { continue }
            runPart(part)
            unfinished.subtract(1, ordering: .releasing)
        }
    }

    /// Ends every helper thread: each wakes (or stops polling), sees the pool dismissed and returns, dropping its
    /// reference to the pool. Only for a pool no caller can reach any more, so no region is running or will run.
    func dismissHelpers() {
        dismissed.store(true, ordering: .sequentiallyConsistent)
        // A region of no parts: helpers that poll see it change; parked ones are woken as `run` wakes them.
        region.store((region.load(ordering: .relaxed) >> 8 &+ 1) << 8, ordering: .sequentiallyConsistent)
        for helper in parking where helper.isParked.exchange(false, ordering: .sequentiallyConsistent) {
            helper.wakeUp.signal()
        }
    }

    /// Runs this helper's part of the current region; kept out of line so the helper has dropped its reference
    /// to the work before it reports back (the caller then releases it).
    @inline(never)
    private func runPart(_ part: Int) {
        work?.run(part: part)
    }

    /// Polls for a region other than `seen`, parking after `spinNanoseconds` without one.
    ///
    /// Parking is a handshake with `run`: the helper raises `isParked` and then looks at the region once more;
    /// the caller publishes the region and then takes the flag down, signalling only if it was up. Both steps are
    /// sequentially consistent, so either the helper sees the new region or the caller sees the flag. A helper
    /// that sees the region but finds its flag already taken down owes the caller's signal a `wait`.
    private func nextRegion(after seen: Int, parking: Parking) -> Int {
        var deadline = DispatchTime.now().uptimeNanoseconds + Self.spinNanoseconds
        var polls = 0
        while true {
            let current = region.load(ordering: .acquiring)
            if current != seen { return current }
            polls += 1
            if polls % 64 == 0, DispatchTime.now().uptimeNanoseconds > deadline {
                parking.isParked.store(true, ordering: .sequentiallyConsistent)
                let again = region.load(ordering: .sequentiallyConsistent)
                if again != seen {
                    if !parking.isParked.exchange(false, ordering: .sequentiallyConsistent) { parking.wakeUp.wait() }
                    return again
                }
                parking.wakeUp.wait()
                deadline = DispatchTime.now().uptimeNanoseconds + Self.spinNanoseconds
            }
            vc_spin_pause()
        }
    }
}
