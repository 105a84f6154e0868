import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A matrix case made ready: its file and the CLI's reading of it.
struct PreparedCase: Sendable {
    var path: String
    /// The CLI's frames; nil when the CLI itself cannot decode a fixture (such a case checks nothing).
    var reference: CLIReference?
    /// Why `reference` is nil.
    var cliFailure: String?
}

/// Makes each case's clip and CLI reference once per test process, whichever of the case's tests asks first.
///
/// Clips go to a directory of their own under the temporary directory (`vidclass-decode-matrix-PID`); directories
/// left by earlier processes that are gone are removed on first use. The tools run on a small `OperationQueue`,
/// not on Swift concurrency's shared threads, so waiting for ffmpeg never starves the tests that are decoding.
actor MatrixClips {
    static let shared = MatrixClips()

    private var preparations: [String: Task<PreparedCase, any Error>] = [:]
    private var encodings: [String: Task<[Container: PreparedCase], any Error>] = [:]
    private lazy var directory: URL = Self.makeDirectory()

    /// The case's clip and reference, made on first request.
    func prepared(_ matrixCase: MatrixCase) async throws -> PreparedCase {
        if let preparation = preparations[matrixCase.name] { return try await preparation.value }
        let preparation: Task<PreparedCase, any Error>
        if case .generated(let encoding, let container) = matrixCase.source {
            let encoded = encoded(encoding)
            preparation = Task {
                guard let prepared = try await encoded.value[container] else { fatalError("\(container) is one of the encoding's containers") }
                return prepared
            }
        } else {
            let directory = directory
            preparation = Task { try await Self.onToolQueue { try Self.prepare(matrixCase, in: directory) } }
        }
        preparations[matrixCase.name] = preparation
        return try await preparation.value
    }

    /// Every container of `encoding` made ready, by one run of ffmpeg encoding and one decoding, on first request.
    private func encoded(_ encoding: Encoding) -> Task<[Container: PreparedCase], any Error> {
        if let encoded = encodings[encoding.name] { return encoded }
        let directory = directory
        let encoded = Task {
            try await Self.onToolQueue {
                let paths = try ClipMaker.encodeEveryContainer(encoding, in: directory)
                let size = encoding.size.split(separator: "x").compactMap { Int($0) }
                let references = try CLIReference.ofClips(paths, width: size[0], height: size[1])
                return Dictionary(uniqueKeysWithValues: paths.map { ($0.key, PreparedCase(path: $0.value, reference: references[$0.key])) })
            }
        }
        encodings[encoding.name] = encoded
        return encoded
    }

    /// Makes a clip that is not one of the encoding table's, and reads it with the CLI.
    private static func prepare(_ matrixCase: MatrixCase, in directory: URL) throws -> PreparedCase {
        let path: String
        switch matrixCase.source {
        case .generated:
            fatalError("generated cases are made per encoding, by `encoded`")
        case .damaged(let clip):
            path = directory.appendingPathComponent(clip.fileName).path
            try clip.make(at: path, in: directory)
        case .fixture(let name):
            return readyMade(try Fixture.path(name))
        case .sampleClip(let name):
            return readyMade(Fixture.sampleClip(name))
        }
        return PreparedCase(path: path, reference: try CLIReference(of: path))
    }

    /// A clip made by others: when the CLI cannot decode it, there is nothing to compare with.
    private static func readyMade(_ path: String) -> PreparedCase {
        do {
            return PreparedCase(path: path, reference: try CLIReference(of: path))
        } catch {
            return PreparedCase(path: path, reference: nil, cliFailure: "\(error)")
        }
    }

    /// Three tools at a time: ffmpeg spends much of a short run starting up, so a little more than one per core
    /// keeps both cores busy.
    private static let toolQueue: OperationQueue = {
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 3
        return queue
    }()

    private static func onToolQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            toolQueue.addOperation { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func makeDirectory() -> URL {
        let base = FileManager.default.temporaryDirectory
        let prefix = "vidclass-decode-matrix-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
            }
        }
        let directory = base.appendingPathComponent("\(prefix)\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
