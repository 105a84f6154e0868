import Foundation

/// Runs the built `vidclass` executable as a user would, with a time limit, and captures what it prints.
struct CommandRunner {
    struct Outcome {
        var status: Int32
        var standardOutput: Data
        var standardError: String
        var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// The package's root folder (tests and the sample clips are found from it).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `vidclass` beside the test bundle (`swift build` puts all products in one folder).
    static let executable: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/release")] {
            let candidate = folder.appendingPathComponent("vidclass")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/release/vidclass")
    }()

    /// Runs `vidclass arguments…`, feeding `input` on standard input; kills it after `timeout` seconds.
    ///
    /// With `shell`, runs that bash script instead, with vidclass as `$0` and `arguments` as `$@`, to set up
    /// what `Process` cannot: `>&-`, `> /dev/full`, `<(…)`, a pipe into `head` (`exit ${PIPESTATUS[0]}`).
    /// `executable` runs another copy of vidclass (an install elsewhere) instead of the built one.
    static func run(
        _ arguments: [String], input: Data? = nil, timeout: TimeInterval = 120, shell: String? = nil,
        executable: URL = executable
    ) throws -> Outcome {
        _ = ignoreBrokenPipes
        let process = Process()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", shell, executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "100"
        process.environment = environment
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        try process.run()
        if let input {
            DispatchQueue.global().async {
                try? feed.fileHandleForWriting.write(contentsOf: input)
                try? feed.fileHandleForWriting.close()
            }
        }
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isOutput) in [(output, true), (errors, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.store(data, isOutput: isOutput)
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            group.wait()
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: collected.output,
            standardError: String(decoding: collected.errors, as: UTF8.self))
    }

    /// A child that exits before reading all its input (as it should, on a bad stream) must not kill the test
    /// process with SIGPIPE: the write then just fails.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// A temporary folder removed when the test ends.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func sampleClip(_ name: String) -> String {
        packageRoot.appendingPathComponent("SampleClips/\(name)").path
    }

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
    }
}

/// Output gathered from two reader threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var output = Data()
    private(set) var errors = Data()

    func store(_ data: Data, isOutput: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isOutput { output = data } else { errors = data }
    }
}
