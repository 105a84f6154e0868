import FrameSampling
import ModelCore
import VideoDecoding
import WeightFiles

/// The one error type the library hands to its callers: a category (which decides the process exit code the
/// command-line tool uses) and one sentence saying what is wrong and what to do. Where the remedy is a change
/// of the request, the error also carries it as a ``Suggestion``, so a front end can name its own option for it.
///
/// Errors from the lower layers (``VideoError``, ``WeightFileError``, ``ModelError``) are folded into this type
/// by ``VidClassError/init(_:)``, so the tool and embedding apps deal with a single shape.
public struct VidClassError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; each maps to one sysexits code.
    public enum Category: String, Sendable, Codable, CaseIterable {
        /// The request itself is wrong (absurd arguments, a pooling the bundle lacks): 64, EX_USAGE.
        case usage
        /// The input exists but is not usable video (garbage, truncated, audio only): 65, EX_DATAERR.
        case badData = "bad-data"
        /// The input cannot be opened (missing file, a directory): 66, EX_NOINPUT.
        case missingInput = "missing-input"
        /// An output file exists and overwriting was not asked for: 73, EX_CANTCREAT.
        case cannotCreate = "cannot-create"
        /// Reading or writing failed underneath us: 74, EX_IOERR.
        case io
        /// A bug in vidclass: 70, EX_SOFTWARE.
        case `internal`

        /// The sysexits(3) exit code of this category.
        public var exitCode: Int32 {
            switch self {
            case .usage: 64
            case .badData: 65
            case .missingInput: 66
            case .internal: 70
            case .cannotCreate: 73
            case .io: 74
            }
        }
    }

    public var category: Category
    /// One sentence: what is wrong and what to do.
    public var message: String
    /// What is wrong, without the advice: ``message`` itself when the error carries no ``suggestion``.
    public var problem: String
    /// What to do, in the library's terms, for a front end to word in its own (see ``Suggestion``).
    public var suggestion: Suggestion?

    public init(_ category: Category, _ message: String) {
        self.category = category
        self.message = message
        self.problem = message
    }

    public var description: String { message }
    public var exitCode: Int32 { category.exitCode }
}

extension VidClassError {
    /// Folds any error from vidclass's modules into a ``VidClassError``; anything unknown is an internal error.
    public init(_ error: any Error) {
        switch error {
        case let error as VidClassError:
            self = error
        case let error as VideoError:
            self.init(Self.category(of: error.kind), error.message)
        case let error as WeightFileError where error.kind == .exists:
            self.init(.cannotCreate, error.message, suggestion: .allowOverwriteOrChooseAnotherPath)
        case let error as WeightFileError:
            self.init(Self.category(of: error.kind), error.message)
        case let error as ModelError:
            self.init(.badData, error.description)
        case let error as SamplingError:
            self.init(.usage, Self.sentence(error.description))
        default:
            self.init(.internal, "Unexpected failure: \(error).")
        }
    }

    /// Lower layers' messages may start in lower case (they name a parameter); a report starts a sentence.
    private static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    private static func category(of kind: VideoError.Kind) -> Category {
        switch kind {
        case .fileNotFound, .isDirectory: .missingInput
        case .frameOutOfRange, .invalidArgument: .usage
        case .io: .io
        default: .badData
        }
    }

    private static func category(of kind: WeightFileError.Kind) -> Category {
        switch kind {
        case .notFound: .missingInput
        case .exists: .cannotCreate
        case .io: .io
        default: .badData
        }
    }
}
