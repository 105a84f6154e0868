import Foundation
import Testing
import VidClass

/// One loaded classifier shared by many tasks gives exactly the results it gives one task at a time, and the
/// batch runner hands records back in input order whatever order workers finish in.
@Suite("concurrency")
struct ConcurrencyTests {
    /// Eight different jobs: three clips under different samplings.
    private static let jobs: [(clip: String, options: ClassifyOptions)] = [
        ("bikes.mp4", .init(sampling: .uniform(frames: 2))),
        ("cleaning_a_pool.mp4", .init(sampling: .uniform(frames: 2))),
        ("flipping_a_pancake.mkv", .init(sampling: .uniform(frames: 2))),
        ("bikes.mp4", .init(sampling: .random(frames: 3, seed: 7))),
        ("cleaning_a_pool.mp4", .init(sampling: .stride(frames: 2, step: 4, policy: .loop))),
        ("flipping_a_pancake.mkv", .init(sampling: .indices([5, 100]), top: 10)),
        ("bikes.mp4", .init(sampling: .uniform(frames: 3), seek: .keyframe)),
        ("flipping_a_pancake.mkv", .init(sampling: .random(frames: 2, seed: 1), top: 3)),
    ]

    @Test("8 tasks sharing one classifier give the same results as one task")
    func sharedClassifier() async throws {
        let classifier = try TestSupport.classifier()
        let serial = try Self.jobs.map { job in
            try classifier.classify(.path(TestSupport.sampleClip(job.clip)), options: job.options)
        }
        let concurrent = try await withThrowingTaskGroup(of: (Int, Classification).self) { group in
            for (position, job) in Self.jobs.enumerated() {
                group.addTask {
                    (position, try classifier.classify(.path(TestSupport.sampleClip(job.clip)), options: job.options))
                }
            }
            var results: [Int: Classification] = [:]
            for try await (position, result) in group { results[position] = result }
            return Self.jobs.indices.map { results[$0]! }
        }
        for (one, shared) in zip(serial, concurrent) {
            #expect(one.frames.map(\.index) == shared.frames.map(\.index))
            #expect(one.predictions.map(\.classIndex) == shared.predictions.map(\.classIndex))
            #expect(one.predictions.map(\.probability) == shared.predictions.map(\.probability), "\(one.input)")
        }
    }

    @Test("the batch runner with 4 workers returns records in input order, failures in place")
    func batchOrder() throws {
        let classifier = try TestSupport.classifier()
        let clips = ["bikes.mp4", "flipping_a_pancake.mkv", "cleaning_a_pool.mp4"].map(TestSupport.sampleClip)
        let inputs = clips + ["/no/such/clip.mp4"] + clips.reversed()
        let runner = BatchRunner(
            classifier: classifier,
            options: BatchOptions(classify: .init(sampling: .uniform(frames: 1)), threads: 4, workers: 4))
        var records: [BatchRecord] = []
        runner.run(inputs.map { .path($0) }) { records.append($0) }
        #expect(records.map(\.input) == inputs)
        #expect(records.map { $0.error?.category } == [nil, nil, nil, .missingInput, nil, nil, nil])
        let first = try records[0].outcome.get().predictions.map(\.classIndex)
        #expect(try records[6].outcome.get().predictions.map(\.classIndex) == first)
    }

    @Test("the thread budget splits cores between workers, decoders and compute")
    func threadBudget() {
        #expect(ThreadBudget(threads: 8, inputs: 100) == ThreadBudget(threads: 8, inputs: 100, workers: 8))
        let eight = ThreadBudget(threads: 8, inputs: 100)
        #expect((eight.workers, eight.decoderThreads, eight.computeThreads) == (8, 1, 1))
        let paired = ThreadBudget(threads: 8, inputs: 100, workers: 4)
        #expect((paired.workers, paired.decoderThreads, paired.computeThreads) == (4, 2, 2))
        let few = ThreadBudget(threads: 8, inputs: 2)
        #expect((few.workers, few.decoderThreads, few.computeThreads) == (2, 4, 4))
        let one = ThreadBudget(threads: 1, inputs: 10)
        #expect((one.workers, one.decoderThreads, one.computeThreads) == (1, 1, 1))
    }
}
