import Synchronization

/// A flag one thread raises to stop a reader another thread is running.
///
/// ```swift
/// let stop = CancellationFlag()
/// let reader = try VideoReader(.path("long.mkv"), options: DecoderOptions(cancellation: stop))
/// // on another thread, when the result is no longer wanted:
/// stop.cancel()     // the reader throws `.cancelled` before its next packet
/// ```
///
/// The reader looks at it where it looks at its deadline: before every packet and inside FFmpeg's opening and
/// probing (its interrupt callback), so a decode stops within one packet's work, on every decoding thread.
/// Raising it cannot be undone. Equal only to itself.
public final class CancellationFlag: Sendable, Equatable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Asks every reader holding this flag to stop.
    public func cancel() {
        raised.store(true, ordering: .releasing)
    }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { raised.load(ordering: .acquiring) }

    public static func == (lhs: CancellationFlag, rhs: CancellationFlag) -> Bool { lhs === rhs }
}
