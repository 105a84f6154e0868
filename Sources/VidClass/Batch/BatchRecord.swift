/// The outcome of one input of a batch: its classification, or the error that stopped it.
public struct BatchRecord: Sendable {
    /// The input as given (a path, or `-` for standard input).
    public var input: String
    /// The classification, or why there is none.
    public var outcome: Result<Classification, VidClassError>

    public init(input: String, outcome: Result<Classification, VidClassError>) {
        self.input = input
        self.outcome = outcome
    }

    /// The error, when the input failed.
    public var error: VidClassError? {
        if case .failure(let error) = outcome { return error }
        return nil
    }
}
