import Foundation
import Testing

/// What `--output` promises, tried with real processes: a run header first, one writer at a time (two batches
/// started at once, a batch started while another runs), nothing but regular files written (devices, symbolic
/// links, FIFOs stay as they are even with `--force`), `--resume` only on a file of the same run (a notes file,
/// a video, another run's results stay byte for byte), a torn last record repaired, and an interrupted batch
/// saying how to resume.
@Suite("output files")
struct OutputFileTests {
    private static let mkv = CommandRunner.fixture("robustness/small.mkv")
    private static let mp4 = CommandRunner.fixture("robustness/small.mp4")
    private static let quick = ["--frames", "2", "--threads", "1"]

    private func lines(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// The inputs of the records in `url`, after checking that its first line, and only that, is a run header.
    private func recordedInputs(_ url: URL) throws -> [String] {
        let lines = try lines(url)
        #expect(lines.first?["vidclass"] != nil, "the file starts with a run header")
        #expect(lines.dropFirst().allSatisfy { $0["vidclass"] == nil }, "one header only")
        return lines.dropFirst().compactMap { $0["input"] as? String }
    }

    /// The type bits of what `path` names (`S_IFREG`, `S_IFLNK`, …), not following a symbolic link.
    private func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    private func inputs(_ count: Int) -> [String] {
        (0..<count).map { $0.isMultiple(of: 2) ? Self.mkv : Self.mp4 }
    }

    /// Runs the argument lists at the same time, each in its own process.
    private func runConcurrently(_ argumentLists: [[String]]) -> [CommandRunner.Outcome?] {
        let outcomes = Outcomes(count: argumentLists.count)
        DispatchQueue.concurrentPerform(iterations: argumentLists.count) { index in
            outcomes.set(index, try? CommandRunner.run(argumentLists[index]))
        }
        return outcomes.values
    }

    /// Starts a batch and returns once it has written `records` records (and is still running).
    private func startBatch(_ arguments: [String], output: URL, records: Int, errors: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline,
            (try? String(contentsOf: output, encoding: .utf8))?.split(separator: "\n").count ?? 0 < 1 + records
        {
            Thread.sleep(forTimeInterval: 0.005)
        }
        return process
    }

    @Test("two batches started at once on one new --output: one writes it, the other is refused (73)")
    func concurrentCreators() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.jsonl")
        let inputs = inputs(6)
        let arguments = inputs + Self.quick + ["--output", output.path]
        let outcomes = runConcurrently([arguments, arguments])
        #expect(outcomes.compactMap { $0?.status }.sorted() == [0, 73])
        #expect(try recordedInputs(output) == inputs)

        let resumed = folder.appendingPathComponent("resumed.jsonl")
        let resuming = inputs + Self.quick + ["--output", resumed.path, "--resume"]
        let both = runConcurrently([resuming, resuming]).compactMap { $0?.status }
        #expect(both.count == 2 && both.allSatisfy { $0 == 0 || $0 == 73 } && both.contains(0), "\(both)")
        #expect(try recordedInputs(resumed) == inputs, "every input once, whoever wrote it")
    }

    @Test("while a batch writes its --output, --resume and --force on it are refused (73) and change nothing")
    func runningBatchHoldsTheLock() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.jsonl")
        let inputs = inputs(30)
        let arguments = inputs + Self.quick + ["--output", output.path]
        let running = try startBatch(arguments, output: output, records: 1)
        #expect(running.isRunning, "the first batch is still running")
        let resumed = try CommandRunner.run(arguments + ["--resume"])
        let forced = try CommandRunner.run(arguments + ["--force"])
        #expect(running.isRunning, "the first batch outlived the two refused ones")
        running.waitUntilExit()
        #expect(resumed.status == 73)
        #expect(resumed.standardError.contains("being written by another vidclass run"), "\(resumed.standardError)")
        #expect(forced.status == 73)
        #expect(running.terminationStatus == 0)
        #expect(try recordedInputs(output) == inputs)
    }

    @Test("--resume refuses a notes file and a video as --output and leaves their bytes alone")
    func resumeRefusesForeignFiles() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes.txt")
        let video = folder.appendingPathComponent("bikes.mp4")
        let empty = folder.appendingPathComponent("empty.jsonl")
        try Data("my notes\n{\"input\": \"x\"}\nno newline at the end".utf8).write(to: notes)
        try FileManager.default.copyItem(atPath: CommandRunner.sampleClip("bikes.mp4"), toPath: video.path)
        try Data().write(to: empty)
        for file in [notes, video, empty] {
            let before = try Data(contentsOf: file)
            let outcome = try CommandRunner.run([Self.mkv] + Self.quick + ["--output", file.path, "--resume"])
            #expect(outcome.status == 73, "\(file.lastPathComponent): \(outcome.standardError)")
            #expect(outcome.standardError.split(separator: "\n").count == 1, "one sentence: \(outcome.standardError)")
            #expect(try Data(contentsOf: file) == before, "\(file.lastPathComponent) is unchanged")
        }
    }

    @Test("devices, symbolic links, FIFOs and folders are never written, with or without --force; - is standard output")
    func onlyRegularFiles() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.jsonl")
        try Data("target\n".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let fifo = folder.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        for flags in [["--force"], []] {
            for path in ["/dev/null", link.path, fifo.path, folder.path] {
                let outcome = try CommandRunner.run([Self.mkv] + Self.quick + ["--output", path] + flags, timeout: 60)
                #expect(outcome.status == 73, "\(path) \(flags): \(outcome.standardError)")
            }
        }
        let refused = try CommandRunner.run([Self.mkv] + Self.quick + ["--output", "/dev/null"])
        #expect(refused.standardError.contains("--output -"), "suggests standard output: \(refused.standardError)")
        let fifoResumed = try CommandRunner.run([Self.mkv] + Self.quick + ["--output", fifo.path, "--resume"], timeout: 60)
        #expect(fifoResumed.status == 73)
        #expect(fileType("/dev/null") == S_IFCHR)
        #expect(fileType(link.path) == S_IFLNK)
        #expect(fileType(fifo.path) == S_IFIFO)
        #expect(try String(contentsOf: target, encoding: .utf8) == "target\n")

        let standardOutput = try CommandRunner.run([Self.mkv, Self.mp4] + Self.quick + ["--output", "-"])
        #expect(standardOutput.status == 0, "\(standardOutput.standardError)")
        let printed = standardOutput.text.split(separator: "\n")
        #expect(printed.count == 3 && printed[0].hasPrefix("{\"vidclass\":"), "a header, then two records")
    }

    @Test("--resume continues only the same run: another model or options are refused untouched, the same add what is missing")
    func resumeChecksTheHeader() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.jsonl")
        #expect(try CommandRunner.run([Self.mkv] + Self.quick + ["--output", output.path]).status == 0)
        let before = try Data(contentsOf: output)
        let header = try #require(try lines(output).first?["vidclass"] as? [String: Any])
        let model = try #require(header["model"] as? [String: Any])
        #expect((model["sha256"] as? String)?.count == 64)
        #expect((header["options"] as? [String: Any])?["frames"] as? Int == 2)

        for other in [["--frames", "3", "--threads", "1"], Self.quick + ["--top", "3"], Self.quick + ["--seek", "keyframe"]] {
            let outcome = try CommandRunner.run([Self.mkv, Self.mp4] + other + ["--output", output.path, "--resume"])
            #expect(outcome.status == 73, "\(other): \(outcome.standardError)")
            #expect(outcome.standardError.contains("other settings"), "\(outcome.standardError)")
            #expect(try Data(contentsOf: output) == before)
        }
        let otherModel = folder.appendingPathComponent("other-model.jsonl")
        let digest = try #require(model["sha256"] as? String)
        try Data(String(decoding: before, as: UTF8.self).replacingOccurrences(of: digest, with: String(repeating: "0", count: 64)).utf8)
            .write(to: otherModel)
        let otherBefore = try Data(contentsOf: otherModel)
        let refused = try CommandRunner.run([Self.mkv, Self.mp4] + Self.quick + ["--output", otherModel.path, "--resume"])
        #expect(refused.status == 73)
        #expect(refused.standardError.contains("model efficientnet-lite0-imagenet.safetensors 000000000000…"), "\(refused.standardError)")
        #expect(try Data(contentsOf: otherModel) == otherBefore)

        let continued = try CommandRunner.run([Self.mkv, Self.mp4] + Self.quick + ["--output", output.path, "--resume"])
        #expect(continued.status == 0, "\(continued.standardError)")
        #expect(try recordedInputs(output) == [Self.mkv, Self.mp4], "no duplicate record")
        #expect(continued.standardError.contains("1 done, 0 failed, 1 skipped"), "\(continued.standardError)")
        #expect(try Data(contentsOf: output).starts(with: before), "the earlier bytes stay as they were")
    }

    @Test("--resume cuts a torn last record, says so, and writes what an uninterrupted run writes")
    func tornLastRecord() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = [Self.mkv, Self.mp4, Self.mkv] + Self.quick
        let complete = folder.appendingPathComponent("complete.jsonl")
        #expect(try CommandRunner.run(arguments + ["--output", complete.path]).status == 0)
        let expected = try String(contentsOf: complete, encoding: .utf8)
        let lines = expected.split(separator: "\n")
        let torn = folder.appendingPathComponent("torn.jsonl")
        try Data((lines.prefix(3).joined(separator: "\n") + "\n" + lines[3].prefix(30)).utf8).write(to: torn)
        let resumed = try CommandRunner.run(arguments + ["--output", torn.path, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("partial record (30 bytes"), "\(resumed.standardError)")
        #expect(try String(contentsOf: torn, encoding: .utf8) == expected)
    }

    /// Whether this machine lets an unprivileged process mount a tmpfs of its own (a user and mount namespace).
    private static let canMountPrivateTmpfs: Bool = {
        (try? CommandRunner.run([], shell: "unshare --user --map-root-user --mount true"))?.status == 0
    }()

    @Test(
        "a disk that fills up mid-batch: exit 74, one sentence, only whole records; after freeing space --resume finishes the file",
        .enabled(if: canMountPrivateTmpfs, "needs unshare to mount a private tmpfs"))
    func diskThatFillsUp() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("disk"), withIntermediateDirectories: true)
        let inputs = inputs(30)
        // In a private mount namespace: a 12 KiB tmpfs fills after a few records; remounted at 4 MiB, the same
        // command with --resume finishes. Each file is copied out before the namespace (and its mount) ends.
        let script = """
            exec unshare --user --map-root-user --mount bash -c '
              vidclass=$0; folder=$1; shift
              mount -t tmpfs -o size=12k tmpfs "$folder/disk" || exit 99
              "$vidclass" "$@" --output "$folder/disk/out.jsonl" 2> "$folder/full.err"; echo $? > "$folder/full.status"
              cp "$folder/disk/out.jsonl" "$folder/full.jsonl"
              mount -o remount,size=4m tmpfs "$folder/disk" || exit 98
              "$vidclass" "$@" --output "$folder/disk/out.jsonl" --resume 2> "$folder/resumed.err"
              echo $? > "$folder/resumed.status"
              cp "$folder/disk/out.jsonl" "$folder/resumed.jsonl"
            ' "$0" "$@"
            """
        let outcome = try CommandRunner.run([folder.path] + inputs + Self.quick, timeout: 300, shell: script)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        func text(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(try text("full.status") == "74\n")
        let message = try text("full.err")
        #expect(message.contains("No space left on device"), "\(message)")
        #expect(message.contains("--resume"), "\(message)")
        let full = try text("full.jsonl")
        #expect(full.hasSuffix("\n"), "no torn record is left behind")
        let written = try recordedInputs(folder.appendingPathComponent("full.jsonl"))
        #expect(!written.isEmpty && written.count < inputs.count && written == Array(inputs.prefix(written.count)))
        let resumeErrors = try text("resumed.err")
        #expect(try text("resumed.status") == "0\n", "\(resumeErrors)")
        #expect(try recordedInputs(folder.appendingPathComponent("resumed.jsonl")) == inputs)
    }

    @Test("SIGINT stops a batch with a summary and the command that resumes it; that command finishes the file")
    func interruptedBatchSaysHowToResume() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.jsonl")
        let inputs = inputs(30)
        let arguments = inputs + Self.quick + ["--output", output.path, "--force"]
        let errors = Pipe()
        let process = try startBatch(arguments, output: output, records: 2, errors: errors)
        #expect(process.isRunning, "the batch was still running when interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130)
        #expect(message.contains("vidclass: interrupted; \(output.path): "), "\(message)")
        #expect(message.hasSuffix(" --output \(output.path) --resume\n"), "\(message)")
        #expect(!message.contains("--force"), "the hint keeps the records")
        let partial = try recordedInputs(output)
        #expect(partial.count < inputs.count && partial == Array(inputs.prefix(partial.count)))

        let resumed = try CommandRunner.run(Array(arguments.dropLast()) + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("\(inputs.count - partial.count) done, 0 failed, \(partial.count) skipped"))
        #expect(try recordedInputs(output) == inputs)
    }
}

/// Results of concurrent runs, one slot each.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [CommandRunner.Outcome?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ outcome: CommandRunner.Outcome?) {
        lock.withLock { slots[index] = outcome }
    }

    var values: [CommandRunner.Outcome?] { lock.withLock { slots } }
}
