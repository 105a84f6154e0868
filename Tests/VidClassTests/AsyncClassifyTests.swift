import Foundation
import Testing
import VidClass

/// The async API: several videos classified concurrently in a task group give what the synchronous call gives,
/// and cancelling a task stops its decoding well before the decode would have ended.
@Suite struct AsyncClassifyTests {
    static let clips = ["flipping_a_pancake.mkv", "cleaning_a_pool.mp4", "bikes.mp4"]

    @Test func aTaskGroupOverInputsGivesTheSynchronousResults() async throws {
        let classifier = try TestSupport.classifier()
        let options = ClassifyOptions(sampling: .uniform(frames: 4))
        let inputs = Self.clips.map { VideoInput.path(TestSupport.sampleClip($0)) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, Classification).self) { group in
            for (position, input) in inputs.enumerated() {
                group.addTask { (position, try await classifier.classify(input, options: options)) }
            }
            var results = [Classification?](repeating: nil, count: inputs.count)
            for try await (position, result) in group { results[position] = result }
            return results.compactMap { $0 }
        }
        #expect(concurrent.count == inputs.count)
        for (input, got) in zip(inputs, concurrent) {
            let want = try Self.classifyBlocking(classifier, input, options: options)
            #expect(got.input == want.input && got.frames == want.frames)
            #expect(got.predictions.map(\.label) == want.predictions.map(\.label))
            for (a, b) in zip(got.predictions, want.predictions) { #expect(abs(a.probability - b.probability) < 1e-5) }
        }
    }

    /// The synchronous call (in an async function, `classify` means the async one).
    static func classifyBlocking(
        _ classifier: VideoClassifier, _ input: VideoInput, options: ClassifyOptions
    ) throws -> Classification {
        try classifier.classify(input, options: options)
    }

    @Test func cancellingStopsALongDecodePromptly() async throws {
        let classifier = try TestSupport.classifier()
        // Every frame of the clip, exactly: each one decoded and run through the network.
        let options = ClassifyOptions(sampling: .uniform(frames: 100), decoderThreads: 1)
        let input = VideoInput.path(TestSupport.sampleClip("bikes.mp4"))
        let clock = ContinuousClock()
        let whole = try clock.measure { _ = try Self.classifyBlocking(classifier, input, options: options) }
        let task = Task { try await classifier.classify(input, options: options) }
        try await Task.sleep(for: whole / 10)
        let cancelledAt = clock.now
        task.cancel()
        let outcome = await task.result
        let stopping = clock.now - cancelledAt
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(stopping < whole / 4, "stopped \(stopping) after the cancel; the whole decode takes \(whole)")
    }

    @Test func aTaskCancelledBeforeItStartsNeverOpensTheVideo() async throws {
        let classifier = try TestSupport.classifier()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await classifier.classify(.path("/nonexistent/never-opened.mp4"))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
