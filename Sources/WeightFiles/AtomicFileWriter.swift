#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file all-or-nothing: bytes go to a hidden temporary file beside the destination, which is
/// then moved into place, so readers and crashes never see half a file.
///
/// ```swift
/// let file = try AtomicFileWriter(path: "out.safetensors", overwrite: false)
/// try file.append(headerBytes)
/// try file.commit()          // without commit, deinit removes the temporary file
/// ```
///
/// The data is `fsync`ed before it is moved into place. Without `overwrite`, the move is `link(2)`, which
/// fails if the destination appeared meanwhile, so an existing file is never replaced even under a race (on
/// file systems without hard links it falls back to check-then-`rename`); with `overwrite`, it is
/// `rename(2)`. Only a process killed mid-write leaves anything behind: the hidden temporary file
/// `.NAME.PID.RANDOM.N.tmp`. Output is buffered in 1 MiB chunks. Not `Sendable`: one owner writes and commits.
public final class AtomicFileWriter {
    private let path: String
    private let temporaryPath: String
    private let overwrite: Bool
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let chunkSize = 1 << 20

    /// Creates the temporary file. Throws `.exists` when `path` exists and `overwrite` is false.
    public init(path: String, overwrite: Bool) throws(WeightFileError) {
        if !overwrite, access(path, F_OK) == 0 {
            throw Self.existsError(path)
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var lastError: Int32 = 0
        for attempt in 0..<16 {
            let candidate = "\(directory).\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).\(attempt).tmp"
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if opened >= 0 {
                self.path = path
                self.temporaryPath = candidate
                self.overwrite = overwrite
                self.descriptor = opened
                buffer.reserveCapacity(chunkSize)
                return
            }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw WeightFileError(
            .io, "cannot create a file next to '\(path)' (\(String(cString: strerror(lastError)))); check that the directory exists and is writable")
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends bytes (buffered).
    public func append(_ bytes: some Sequence<UInt8>) throws(WeightFileError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Appends the little-endian bytes of an integer.
    func append<Value: FixedWidthInteger>(littleEndian value: Value) throws(WeightFileError) {
        try append(withUnsafeBytes(of: value.littleEndian) { Array($0) })
    }

    /// Flushes, syncs and moves the file into place. After `commit` the writer is spent.
    public func commit() throws(WeightFileError) {
        try flush()
        let synced = fsync(descriptor) == 0
        let syncError = errno
        let closed = close(descriptor) == 0
        let closeError = errno
        descriptor = -1
        guard synced, closed else {
            unlink(temporaryPath)
            throw writeError(synced ? closeError : syncError)
        }
        if overwrite {
            try renameIntoPlace()
        } else if link(temporaryPath, path) == 0 {
            unlink(temporaryPath)
        } else if errno == EEXIST || access(path, F_OK) == 0 {
            unlink(temporaryPath)
            throw Self.existsError(path)
        } else {
            // No hard links here (some network and FUSE file systems): check-then-rename instead.
            try renameIntoPlace()
        }
    }

    private func renameIntoPlace() throws(WeightFileError) {
        guard rename(temporaryPath, path) == 0 else {
            let error = writeError()
            unlink(temporaryPath)
            throw error
        }
    }

    private func flush() throws(WeightFileError) {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { bytes in
                write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw writeError()
            }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeError(_ code: Int32 = errno) -> WeightFileError {
        WeightFileError(.io, "cannot write '\(path)' (\(String(cString: strerror(code)))); check free disk space and permissions")
    }

    private static func existsError(_ path: String) -> WeightFileError {
        WeightFileError(.exists, "\(path) already exists")
    }
}
