/// The one error type of the WeightFiles module: a ``Kind`` to branch on and a one-sentence message for people.
///
/// Messages say what is wrong and what to do, and name the file or tensor involved, for example
/// `weights file has no tensor '_fc.weight'; check that the file matches the architecture`.
/// Callers that map errors to exit codes switch on ``kind``; everyone else prints ``description``.
public struct WeightFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely, so callers can choose an exit code or a recovery.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist.
        case notFound
        /// The file exists but could not be opened or mapped (permissions, a directory, …).
        case unreadable
        /// The first bytes match no supported format.
        case unknownFormat
        /// The file ends before the data its header promises.
        case truncated
        /// The bytes are inconsistent with the format (bad header, overlapping tensors, bad pickle).
        case malformed
        /// A pickle refers to a Python global outside the allow-list; the message names `module.name`.
        case unsupportedClass
        /// A lookup asked for a tensor the archive does not hold.
        case missingTensor
        /// A tensor exists but its shape is not the one the caller expected.
        case shapeMismatch
        /// A writer refused to replace an existing file because `overwrite` was false.
        case exists
        /// Reading or writing failed in the operating system (disk full, permission denied on write, …).
        case io
    }

    /// What went wrong, coarsely.
    public var kind: Kind
    /// One sentence: what is wrong and what to do about it.
    public var message: String

    /// Creates an error of the given kind with a one-sentence message.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message, as printed by the CLI.
    public var description: String { message }
}

extension WeightFileError {
    /// A `.truncated` error for `path`, saying what was being read when the bytes ran out.
    static func truncated(_ path: String, reading what: String) -> WeightFileError {
        WeightFileError(.truncated, "'\(path)' ends while reading \(what); the file is truncated, download or export it again")
    }

    /// A `.malformed` error for `path` with a specific reason.
    static func malformed(_ path: String, _ reason: String) -> WeightFileError {
        WeightFileError(.malformed, "'\(path)' is not a valid weights file (\(reason)); export or download it again")
    }
}
