import Foundation
import Synchronization
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

    /// Progress is measured in bytes, not seconds, so a loaded machine cannot make the test pass or fail: the
    /// source pauses the decode halfway through the file, the task is cancelled there, and at most a few 32 KiB
    /// reads may follow before decoding stops.
    @Test func cancellingStopsALongDecodePromptly() async throws {
        let classifier = try TestSupport.classifier()
        // Every frame of the clip, exactly: each one decoded and run through the network.
        let options = ClassifyOptions(sampling: .uniform(frames: 100), decoderThreads: 1)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.sampleClip("bikes.mp4"))))
        let source = PausingSource(bytes, pauseAfter: bytes.count / 2)
        let task = Task { try await classifier.classify(.source(source), options: options) }
        while !source.isPaused { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        source.resume()
        let outcome = await task.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(source.bytesAfterResuming <= 4 * 32 * 1024, "read \(source.bytesAfterResuming) bytes after the cancel")
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

/// A seekable source over `bytes` that stops, once it has served `pauseAfter` bytes, until `resume()` is called,
/// and then counts what it still serves.
final class PausingSource: ByteSource {
    private struct State {
        var position = 0
        var served = 0
        var paused = false
        var resumed = false
        var servedAfterResuming = 0
    }

    private let bytes: [UInt8]
    private let pauseAfter: Int
    private let state = Mutex(State())

    init(_ bytes: [UInt8], pauseAfter: Int) {
        self.bytes = bytes
        self.pauseAfter = pauseAfter
    }

    var size: Int64? { Int64(bytes.count) }
    var isSeekable: Bool { true }
    var isPaused: Bool { state.withLock { $0.paused } }
    var bytesAfterResuming: Int { state.withLock { $0.servedAfterResuming } }

    func resume() { state.withLock { $0.resumed = true } }

    func read(maxCount: Int) throws -> [UInt8] {
        while state.withLock({ $0.paused && !$0.resumed }) { usleep(1000) }
        return state.withLock { state in
            let start = state.position
            state.position = min(bytes.count, start + max(0, maxCount))
            let count = state.position - start
            if state.resumed { state.servedAfterResuming += count }
            state.served += count
            if state.served >= pauseAfter { state.paused = true }
            return Array(bytes[start..<state.position])
        }
    }

    func seek(to offset: Int64) throws {
        state.withLock { $0.position = Int(min(max(0, offset), Int64(bytes.count))) }
    }
}
