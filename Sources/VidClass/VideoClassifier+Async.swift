import Foundation
import VideoDecoding

extension VideoClassifier {
    /// Classifies one video without holding up Swift concurrency's threads, and stops when the task is cancelled.
    ///
    /// ```swift
    /// let results = try await withThrowingTaskGroup(of: Classification.self) { group in
    ///     for input in inputs { group.addTask { try await classifier.classify(input) } }
    ///     return try await group.reduce(into: []) { $0.append($1) }
    /// }
    /// ```
    ///
    /// The synchronous pipeline runs on a thread of its own (decoding and the model block, and would starve the
    /// cooperative pool's few threads); the calling task just waits. Cancelling the task raises a
    /// ``CancellationFlag`` the decoders look at before every packet, so decoding stops within one packet's work
    /// and this throws `CancellationError`; a model pass already running finishes first. The result equals
    /// `classify(_:options:)`'s.
    public func classify(_ input: VideoInput, options: ClassifyOptions = .init()) async throws -> Classification {
        try await Self.onOwnThread { cancellation in
            try self.classifyKeepingFrames(input, options: options, cancellation: cancellation).classification
        }
    }

    /// ``classify(_:options:)-(_,_)async``, also returning the sampled frames as RGB pictures when
    /// `options.keepFrames` is set (for contact sheets, or thumbnails in a reply).
    public func classifyKeepingFrames(
        _ input: VideoInput, options: ClassifyOptions
    ) async throws -> (classification: Classification, frames: [RGBImage]) {
        try await Self.onOwnThread { cancellation in
            try self.classifyKeepingFrames(input, options: options, cancellation: cancellation)
        }
    }

    /// Runs `work` on a new thread and waits for it without blocking the calling task's thread; cancelling the
    /// task raises the flag `work` is given. Throws `CancellationError` when the task was cancelled and `work`
    /// failed (it was stopped, or would have failed anyway: the caller no longer wants to know).
    static func onOwnThread<Result: Sendable>(
        _ work: @escaping @Sendable (CancellationFlag) throws -> Result
    ) async throws -> Result {
        try Task.checkCancellation()
        let cancellation = CancellationFlag()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Swift.Result<Result, any Error>, Never>) in
                let thread = Thread { continuation.resume(returning: Swift.Result { try work(cancellation) }) }
                thread.name = "vidclass pipeline"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        if case .failure = outcome, cancellation.isCancelled { throw CancellationError() }
        return try outcome.get()
    }
}
