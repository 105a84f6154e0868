import Foundation
import VidClass

/// The `--output` file of a batch: a ``RunHeader`` line, then JSONL records, each appended whole with one
/// `write(2)` and forced to disk (`fsync`) before the next, so a killed batch loses no finished record; read back
/// by `--resume`. `-` means standard output (the same lines, no lock, no `fsync`, no resume).
///
/// ```swift
/// let file = try RecordFile(path: "results.jsonl", mode: .resume, header: header)
/// let pending = file.pending(inputs)          // the inputs with no record in the file yet
/// try file.append(line)                        // one JSON object + "\n", durable on return
/// ```
///
/// The guarantees, whatever else is running:
/// - **Nothing but a regular file is written.** A device, FIFO, socket or directory is refused in every mode, and
///   `--force` replaces no symbolic link either (`/dev/null`, `/dev/stdout` stay as they are).
/// - **One writer.** The file is locked (`flock(LOCK_EX|LOCK_NB)`) from opening to exit; a second batch on the
///   same file is refused before it changes a byte.
/// - **No race on creation.** `.create` opens with `O_CREAT|O_EXCL`, so of two batches creating one file exactly
///   one wins and the other is refused; records are appended with `O_APPEND`.
/// - **`--resume` continues only its own run.** The file must start with a header matching this run's (model
///   digest and options); anything else — notes, a video, another run's results — is refused untouched. The
///   only change it makes is to cut a torn last line (a record cut short by a kill), reported in ``repairedBytes``.
///
/// All refusals are ``VidClassError/Category/cannotCreate`` (exit 73). Cost: one `fsync` per record — a few
/// milliseconds on most disks, small next to classifying a video.
final class RecordFile: @unchecked Sendable {
    enum Mode {
        /// A new file; an existing path is refused.
        case create
        /// `--force`: a new file, or an existing regular file emptied in place.
        case replace
        /// `--resume`: the existing file of the same run continued, or a new one.
        case resume
    }

    /// The `--output` argument; `-` is standard output.
    let path: String
    /// How many records per input the file already held when opened (resume only).
    private(set) var recorded: [String: Int] = [:]
    /// How many of those records are errors.
    private(set) var recordedFailures = 0
    /// The length of the torn last line `--resume` cut (0 when the file ended with a whole record).
    private(set) var repairedBytes = 0
    private let descriptor: Int32
    /// Held while a record is written, and for good once ``stopWrites()`` is called.
    private let writes = NSLock()

    var isStandardOutput: Bool { path == "-" }

    init(path: String, mode: Mode, header: RunHeader) throws(VidClassError) {
        self.path = path
        guard path != "-" else {
            descriptor = STDOUT_FILENO
            try append(header.line)
            return
        }
        let (descriptor, isNew) = try Self.openLocked(path, mode: mode)
        self.descriptor = descriptor
        if mode == .resume, !isNew {
            try readExistingRecords(matching: header)
        } else {
            if mode == .replace, ftruncate(descriptor, 0) != 0 {
                throw VidClassError(.io, "\(path) could not be emptied for --force (\(Self.reason())); check its permissions.")
            }
            try append(header.line)
            if isNew { Self.syncDirectory(of: path) }
        }
    }

    deinit {
        if descriptor != STDOUT_FILENO { close(descriptor) }
    }

    /// `inputs` without those the file already has a record for (each record covers one occurrence).
    func pending(_ inputs: [String]) -> [String] {
        var remaining = recorded
        return inputs.filter { input in
            guard let count = remaining[input], count > 0 else { return true }
            remaining[input] = count - 1
            return false
        }
    }

    /// Appends `line` (one record, ending in a newline) with one `write(2)` and forces it to disk.
    ///
    /// A write that fails part-way (a full disk, a quota) is cut back to where the record began, so the file
    /// only ever holds whole records and `--resume` continues it.
    func append(_ line: String) throws(VidClassError) {
        writes.lock()
        defer { writes.unlock() }
        if isStandardOutput { return try StandardStreams.write(line, to: .output) }
        let recordStart = lseek(descriptor, 0, SEEK_END)
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let reason = Self.reason()
                if recordStart >= 0 { _ = ftruncate(descriptor, recordStart) }
                throw VidClassError(
                    .io, "Writing to \(path) failed (\(reason)); free some space, then run the same command with --resume to continue.")
            }
            bytes = bytes.dropFirst(written)
        }
        if fsync(descriptor) != 0 {
            throw VidClassError(.io, "Forcing \(path) to disk failed (\(Self.reason())); check the disk.")
        }
    }

    /// Waits for a record being written, then blocks every later write: called before the process exits on a
    /// signal, so it never leaves half a record behind.
    func stopWrites() {
        writes.lock()
    }

    // MARK: Opening

    /// Opens (creating if needed) and locks `path` for `mode`; `isNew` when this call created it.
    private static func openLocked(_ path: String, mode: Mode) throws(VidClassError) -> (descriptor: Int32, isNew: Bool) {
        // Each loop settles one race (the file appearing or vanishing meanwhile); three are more than enough.
        for _ in 0..<3 {
            if let created = try create(path) { return (created, true) }
            guard mode != .create else { throw existsError(path) }
            if let opened = try openExisting(path, mode: mode) { return (opened, false) }
        }
        throw VidClassError(.cannotCreate, "\(path) kept appearing and vanishing while vidclass opened it; check what else writes there.")
    }

    /// Creates `path` with `O_CREAT|O_EXCL` and locks it; nil when something already exists there.
    private static func create(_ path: String) throws(VidClassError) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { return nil }
            throw VidClassError(.cannotCreate, "\(path) could not be created (\(reason())); check the folder exists and is writable.")
        }
        // Until this run writes its header, a concurrent --resume may hold the lock for the moment it takes to see
        // an empty file and refuse it: wait for that (about 2 s at most), not for a whole batch.
        for attempt in 0..<200 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { break }
            guard errno == EWOULDBLOCK || errno == EINTR, attempt < 199 else {
                close(descriptor)
                throw busyError(path)
            }
            usleep(10_000)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size == 0 else {
            close(descriptor)
            throw busyError(path)
        }
        return descriptor
    }

    /// Opens and locks the existing regular file `path`; nil when it vanished meanwhile.
    private static func openExisting(_ path: String, mode: Mode) throws(VidClassError) -> Int32? {
        // --force replaces the path itself, so a symbolic link is refused; --resume appends to what it names.
        let followsLinks = mode == .resume
        let kind = FileKind(path: path, followingLinks: followsLinks)
        guard kind != .missing else { return nil }
        guard kind == .regular else { throw notRegularError(path, kind, mode: mode) }
        let flags = (mode == .resume ? O_RDWR : O_WRONLY) | O_APPEND | O_NONBLOCK | O_CLOEXEC | (followsLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw notRegularError(path, .symbolicLink, mode: mode) }
            throw VidClassError(.cannotCreate, "\(path) could not be opened for writing (\(reason())); check its permissions.")
        }
        // The path may have been swapped between the look and the open: judge what was actually opened.
        var status = stat()
        guard fstat(descriptor, &status) == 0, FileKind(mode: status.st_mode) == .regular else {
            close(descriptor)
            throw notRegularError(path, FileKind(mode: status.st_mode), mode: mode)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw busyError(path)
        }
        return descriptor
    }

    /// Forces the folder holding a new file to disk, so a crash soon after cannot lose the file's name with its
    /// records; best effort, since some file systems cannot.
    private static func syncDirectory(of path: String) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let descriptor = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    // MARK: Resuming

    /// Checks the header, loads the inputs of the complete records and cuts a torn last line — in that order, so
    /// a refused file is left exactly as it was.
    private func readExistingRecords(matching header: RunHeader) throws(VidClassError) {
        let data = try readAll()
        guard let headerEnd = data.firstIndex(of: UInt8(ascii: "\n")),
            let stored = RunHeader(line: data[data.startIndex..<headerEnd])
        else {
            throw VidClassError(
                .cannotCreate,
                data.isEmpty
                    ? "\(path) is empty, with no vidclass run header to continue; delete it, or pass --force instead of --resume."
                    : "\(path) does not start with a vidclass run header, so it is not a batch's output and --resume leaves it alone; choose another --output."
            )
        }
        guard header.matches(stored) else {
            let differences = header.differences(from: stored).joined(separator: ", ")
            throw VidClassError(
                .cannotCreate,
                "\(path) holds a batch run with other settings (\(differences)); resume with the same model and options, or choose another --output."
            )
        }
        let complete = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.count
        for line in data[(headerEnd + 1)..<complete].split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let input = record["input"] as? String
            else { continue }
            recorded[input, default: 0] += 1
            if record["error"] != nil { recordedFailures += 1 }
        }
        if complete < data.count {
            guard ftruncate(descriptor, off_t(complete)) == 0 else {
                throw VidClassError(.io, "\(path) ends in a partial record that could not be cut (\(Self.reason())); check its permissions.")
            }
            repairedBytes = data.count - complete
        }
    }

    private func readAll() throws(VidClassError) -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(data.count)) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw VidClassError(.io, "\(path) could not be read back for --resume (\(Self.reason())); check the disk.")
            }
            if count == 0 { return data }
            data += chunk[..<count]
        }
    }

    // MARK: Refusals

    private static func existsError(_ path: String) -> VidClassError {
        let kind = FileKind(path: path, followingLinks: true)
        guard kind == .regular || kind == .missing else { return notRegularError(path, kind, mode: .create) }
        return VidClassError(
            .cannotCreate, "\(path) already exists; pass --resume to continue that batch, --force to replace it, or choose another name.")
    }

    private static func notRegularError(_ path: String, _ kind: FileKind, mode: Mode) -> VidClassError {
        switch kind {
        case .symbolicLink:
            VidClassError(
                .cannotCreate, "\(path) is a symbolic link, which --force does not replace; give the file it points to as --output, or --output - for standard output.")
        case .other("a directory"):
            VidClassError(.cannotCreate, "\(path) is a directory; give a file name inside it as --output.")
        default:
            VidClassError(
                .cannotCreate,
                "\(path) is \(kind.words), not a regular file, and --output writes only regular files; pass --output - for standard output, or redirect with the shell."
            )
        }
    }

    private static func busyError(_ path: String) -> VidClassError {
        VidClassError(
            .cannotCreate,
            "\(path) is being written by another vidclass run (it holds the file's lock); wait for that run to end, or choose another --output.")
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}
