/// The pure index functions behind every ``SamplingStrategy``: `(frame count, parameters) → [frame index]`.
///
/// Indices are 0-based positions in presentation order among the video's `N` frames. Each function validates
/// its parameters first and throws a ``SamplingError`` naming the one at fault, so a bad request fails before
/// any decoding. Results are in sampling order and may repeat (a short video cannot give `T` distinct frames).
/// All integer formulas are computed exactly, never through floating point.
///
/// ```swift
/// try FrameSampler.uniform(frameCount: 300, frames: 8)
/// // [18, 56, 93, 131, 168, 206, 243, 281]
/// try FrameSampler.stride(frameCount: 300, frames: 4, step: 2, policy: .loop)
/// // [147, 149, 151, 153]
/// try FrameSampler.nearest(timestamps: [0, 0.5, 1, 1.5], to: [0.7])
/// // [1]
/// ```
///
/// Cost: `O(T)` time and memory for the index samplers, `O(T log N)` for the timestamp ones.
public enum FrameSampler {
    /// The largest number of frames one request may sample (`frames ≤ 10 000`).
    public static let maximumFrames = 10_000

    /// The largest distance between strided frames (`step ≤ 100 000`).
    public static let maximumStep = 100_000

    /// The largest number of indices a timestamp request may produce (one per second of a 11½-day video).
    public static let maximumSamples = 1_000_000

    /// The number of frames a strided clip covers, first to last: `L = (T − 1) · step + 1`.
    static func strideSpan(frames: Int, step: Int) -> Int {
        (frames - 1) * step + 1
    }
}
