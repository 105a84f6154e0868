import Foundation
import FrameSampling
import VideoDecoding

extension VideoClassifier {
    /// Labels every window of a long video (``timeline(_:options:)``) without holding up Swift concurrency's
    /// threads, and stops decoding when the task is cancelled.
    ///
    /// ```swift
    /// let timeline = try await classifier.timeline(.bytes(upload), options: TimelineOptions(window: 2, hop: 1))
    /// ```
    ///
    /// Like ``classify(_:options:)-(_,_)async``, the work runs on a thread of its own and the calling task only waits; a
    /// cancelled task makes this throw `CancellationError` once the decoder has stopped (within one packet).
    public func timeline(_ input: VideoInput, options: TimelineOptions = .init()) async throws -> Timeline {
        try await Self.onOwnThread { cancellation in
            try self.timeline(input, options: options, cancellation: cancellation)
        }
    }
}

extension FeatureExtractor {
    /// The features of `input`'s sampled frames (``features(of:sampling:seek:)``), computed on a thread of the
    /// work's own so the calling task only waits; cancelling the task stops decoding and throws
    /// `CancellationError`.
    ///
    /// ```swift
    /// let row = try await extractor.features(of: .bytes(upload), sampling: .uniform(frames: 8))
    /// print(row.features.shape)   // [8, 1280]
    /// ```
    public func features(
        of input: VideoInput, sampling: SamplingStrategy? = nil, seek: SeekMode = .exact
    ) async throws -> FrameFeatures {
        try await VideoClassifier.onOwnThread { cancellation in
            try self.features(of: input, sampling: sampling, seek: seek, cancellation: cancellation)
        }
    }
}
