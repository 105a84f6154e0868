import Dispatch
import Foundation
import Synchronization
import Testing

@testable import ModelCore

/// A compute context is a value: its own helpers serve only it and end with it, contexts made from one share its
/// helpers, and a backbone gives the same features whichever context it computes in.
@Suite struct ComputeContextTests {
    @Test func aPrivateContextsHelpersEndWhenTheLastCopyIsGone() async throws {
        weak var pool: ComputePool?
        do {
            let context = ComputeContext(threads: 3)
            let narrower = context.withThreads(2)
            pool = context.pool
            #expect(narrower.pool === context.pool && context.pool.helpers == 2)
            let covered = Mutex([Int](repeating: 0, count: 64))
            parallelRanges(64, on: context) { _, range in covered.withLock { for i in range { $0[i] += 1 } } }
            #expect(covered.withLock { $0 }.allSatisfy { $0 == 1 })
        }
        // Each helper holds the pool until it has returned from its loop.
        let deadline = ContinuousClock.now + .seconds(10)
        while pool != nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(pool == nil)
    }

    @Test func contextsCompareByThreadsAndHelpers() {
        #expect(ComputeContext.process == .process)
        #expect(ComputeContext.process.withThreads(2) == .process.withThreads(2))
        #expect(ComputeContext.process.withThreads(1) != .process.withThreads(2))
        #expect(ComputeContext(threads: 2) != ComputeContext(threads: 2))
        #expect(ComputeContext(threads: 0).threads == 1)
        #expect(ComputeContext.process.withThreads(-3).threads == 1)
    }

    @Test func twoContextsComputingAtOnceAgreeWithTheProcessContext() throws {
        let (name, arch, plan) = TorchvisionBackboneTests.cases[0]
        let backbone = try Backbones.make(arch, plan: plan, weights: try Fixtures.archive("\(name)_tiny"))
        let input = try Fixtures.tensor("tiny_input")
        let want = try backbone.features(input).values
        let differences = Mutex<[Float]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { slot in
            let own = ComputeContext(threads: slot + 1)
            for _ in 0..<20 {
                let got = (try? backbone.features(input, in: own).values) ?? []
                differences.withLock { $0.append(got.count == want.count ? maxAbsDifference(got, want) : .infinity) }
            }
        }
        #expect(differences.withLock { $0.count } == 40)
        #expect(differences.withLock { $0 }.allSatisfy { $0 < 1e-5 })
    }
}
