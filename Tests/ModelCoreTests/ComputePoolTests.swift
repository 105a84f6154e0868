import Foundation
import Synchronization
import Testing

@testable import ModelCore

/// The compute pool runs every part of a region exactly once, region after region, and declines work it cannot
/// take (too many parts, or a region already running) instead of blocking.
@Suite struct ComputePoolTests {
    /// Regions alternate between two and three parts, so the second helper is left out of every other one and
    /// parks while the first works: with one semaphore shared by both, it took the first helper's wake-up and the
    /// pool hung within a few hundred regions.
    @Test func everyPartOfManyRegionsRunsExactlyOnce() {
        let pool = ComputePool(helpers: 2)
        for region in 0..<300 {
            let runs = Mutex([Int](repeating: 0, count: 3))
            let parts = 2 + region % 2
            let ran = pool.run(RangeWork(count: parts, parts: parts) { part, _ in runs.withLock { $0[part] += 1 } })
            #expect(ran)
            #expect(runs.withLock { $0 } == (0..<3).map { $0 < parts ? 1 : 0 })
        }
    }

    @Test func helpersThatParkedAreWokenForTheNextRegion() {
        let pool = ComputePool(helpers: 1)
        for _ in 0..<3 {
            // Longer than the helpers' spell of polling, so they park in between.
            Thread.sleep(forTimeInterval: Double(ComputePool.spinNanoseconds) * 3 / 1e9)
            let runs = Atomic<Int>(0)
            #expect(pool.run(RangeWork(count: 2, parts: 2) { _, _ in runs.add(1, ordering: .relaxed) }))
            #expect(runs.load(ordering: .relaxed) == 2)
        }
    }

    @Test func declinesRegionsItCannotServe() {
        let pool = ComputePool(helpers: 1)
        #expect(!pool.run(RangeWork(count: 3, parts: 3) { _, _ in }))
        #expect(!pool.run(RangeWork(count: 1, parts: 1) { _, _ in }))
        let nested = Atomic<Int>(0)
        #expect(pool.run(RangeWork(count: 2, parts: 2) { part, _ in
            if part == 0, !pool.run(RangeWork(count: 2, parts: 2) { _, _ in }) { nested.add(1, ordering: .relaxed) }
        }))
        #expect(nested.load(ordering: .relaxed) == 1)
    }

    @Test func parallelRangesCoverEveryItemOnceFromConcurrentCallers() async {
        await withTaskGroup(of: Bool.self) { group in
            for caller in 0..<4 {
                group.addTask {
                    let count = 1000 + caller
                    let seen = Mutex([Int](repeating: 0, count: count))
                    for _ in 0..<200 {
                        parallelRanges(count, on: .process.withThreads(2)) { _, range in seen.withLock { for i in range { $0[i] += 1 } } }
                    }
                    return seen.withLock { $0 }.allSatisfy { $0 == 200 }
                }
            }
            for await covered in group { #expect(covered) }
        }
    }
}
