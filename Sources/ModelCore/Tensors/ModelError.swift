/// The error thrown by ModelCore: what went wrong, as one sentence that names the shapes or tensor involved.
///
/// Shape errors show both the expected and the actual shape, e.g.
/// `"conv2d expects input [n, h, w, 3], got [1, 224, 3]."`; weight errors name the tensor and what to do.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad category, for callers that map errors to exit codes or HTTP statuses.
    public enum Kind: String, Sendable, Equatable {
        /// A tensor's shape does not fit the operation.
        case shapeMismatch
        /// A parameter the architecture needs is absent from the weights.
        case missingParameter
        /// A parameter is present but has the wrong shape.
        case parameterShapeMismatch
        /// An argument is out of its valid range (for example zero classes).
        case invalidArgument
        /// A parameter holds NaN or infinity, which would make every output NaN.
        case nonFiniteParameter
    }

    /// The category of the failure.
    public var kind: Kind
    /// One sentence naming what is wrong and, where useful, what to do.
    public var message: String

    /// Creates an error of `kind` with a one-sentence `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// A shape error for `operation`: "`operation` expects `expected`, got `actual`."
    static func shape(_ operation: String, expects expected: String, got actual: [Int]) -> ModelError {
        ModelError(.shapeMismatch, "\(operation) expects \(expected), got \(actual).")
    }
}

extension ModelError {
    /// The error for tensor `name` holding NaN or infinite values.
    public static func nonFinite(_ name: String) -> ModelError {
        ModelError(
            .nonFiniteParameter,
            "Tensor \"\(name)\" holds NaN or infinite values; the weights are damaged or come from a diverged training run, so export or train them again."
        )
    }
}
