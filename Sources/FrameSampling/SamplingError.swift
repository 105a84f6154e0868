/// A sampling request that cannot be satisfied, found from the parameters alone, before any frame is decoded.
///
/// Every error names the parameter at fault and its value in one sentence, so a command-line tool can show
/// ``message`` as it is:
///
/// ```swift
/// do {
///     try SamplingStrategy.uniform(frames: 0).validate()
/// } catch {
///     error.parameter   // "frames"
///     error.message     // "frames (0) must be ≥ 1"
/// }
/// ```
public struct SamplingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter at fault, spelled as the API spells it: `frames`, `step`, `frameCount`, `indices`,
    /// `indices.count`, `expectedFrameCount`, `interval`, `timestamps`, `times`, or `keep` for a stream that
    /// ended with nothing kept.
    public let parameter: String

    /// One sentence naming the parameter and its value, what is wrong, and where it helps, what to do.
    public let message: String

    /// Creates an error; `message` should be one sentence that names `parameter` and its value.
    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    /// The ``message``.
    public var description: String { message }
}
