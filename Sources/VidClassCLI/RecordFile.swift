import Foundation
import VidClass

/// The `--output` file of a batch: JSONL records appended one whole line at a time and forced to disk
/// (`fsync`) before the next, so a killed batch loses no finished record, and read back by `--resume`.
///
/// ```swift
/// let file = try RecordFile(path: "results.jsonl", mode: .resume)
/// let pending = file.pending(inputs)          // the inputs with no record in the file yet
/// try file.append(line)                        // one JSON object + "\n", durable on return
/// ```
///
/// Semantics of the modes: `.create` refuses an existing file (exit 73), `.replace` (`--force`) empties it,
/// `.resume` keeps every complete line, cuts a torn last line (a record cut short by a kill), and remembers
/// which inputs already have records and how many of them are errors. Cost: one `fsync` per record — a few
/// milliseconds on most disks, small next to classifying a video.
final class RecordFile {
    enum Mode {
        case create, replace, resume
    }

    let path: String
    /// How many records per input the file already held when opened (resume only).
    private(set) var recorded: [String: Int] = [:]
    /// How many of those records are errors.
    private(set) var recordedFailures = 0
    private let handle: FileHandle

    init(path: String, mode: Mode) throws(VidClassError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if exists, mode == .create {
            throw VidClassError(
                .cannotCreate,
                "\(path) already exists; pass --resume to continue that batch, --force to replace it, or choose another name."
            )
        }
        if !exists || mode == .replace {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw VidClassError(
                    .cannotCreate, "\(path) could not be created; check the folder exists and is writable.")
            }
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw VidClassError(.io, "\(path) could not be opened for writing; check its permissions.")
        }
        self.handle = handle
        do {
            if mode == .resume { try readExistingRecords() }
            try handle.seekToEnd()
        } catch {
            throw VidClassError(.io, "\(path) could not be read back for --resume: \(error.localizedDescription).")
        }
    }

    deinit {
        try? handle.close()
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

    /// Appends `line` (one record, ending in a newline) and forces it to disk.
    func append(_ line: String) throws(VidClassError) {
        do {
            try handle.write(contentsOf: Data(line.utf8))
            try handle.synchronize()
        } catch {
            throw VidClassError(
                .io, "Writing to \(path) failed: \(error.localizedDescription); check the disk has space.")
        }
    }

    /// Loads the inputs of the complete records and cuts anything after the last newline.
    private func readExistingRecords() throws {
        let data = try handle.readToEnd() ?? Data()
        let complete = data.lastIndex(of: UInt8(ascii: "\n")).map { data.startIndex.distance(to: $0) + 1 } ?? 0
        if complete < data.count {
            try handle.truncate(atOffset: UInt64(complete))
        }
        for line in data.prefix(complete).split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let input = record["input"] as? String
            else { continue }
            recorded[input, default: 0] += 1
            if record["error"] != nil { recordedFailures += 1 }
        }
    }
}
