import Foundation

/// The built `vidclass` executable run as a user runs it: `vidclass serve` on a free port (read from its log
/// line "listening on 127.0.0.1:PORT"), or a one-shot command whose output is compared with the server's.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errors = Pipe()

    /// `vidclass` beside the test bundle (`swift build` puts all products in one folder).
    static let executable: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), ServerFixture.packageRoot.appendingPathComponent(".build/release")] {
            let candidate = folder.appendingPathComponent("vidclass")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return ServerFixture.packageRoot.appendingPathComponent(".build/release/vidclass")
    }()

    /// Starts `vidclass serve --port 0 arguments…` and waits (up to 60 s) until it listens.
    init(_ arguments: [String] = []) throws {
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        var log = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log.append(chunk)
            let text = String(decoding: log, as: UTF8.self)
            if let range = text.range(of: "listening on 127.0.0.1:"),
                let port = Int(text[range.upperBound...].prefix(while: \.isNumber))
            {
                self.port = port
                // Keep draining the log so the server never blocks on a full pipe.
                let handle = errors.fileHandleForReading
                Thread.detachNewThread { while !handle.availableData.isEmpty {} }
                return
            }
        }
        process.terminate()
        throw HTTPClient.Failure(description: "vidclass serve did not start listening: \(String(decoding: log, as: UTF8.self))")
    }

    /// Sends SIGTERM.
    func terminate() { process.terminate() }

    /// Waits for the process to end (up to `timeout` seconds) and returns its exit status, or nil if it is
    /// still running (then it is killed).
    func waitForExit(timeout: TimeInterval = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    /// Runs `vidclass arguments…` in `directory` and returns what it printed on standard output.
    static func output(of arguments: [String], in directory: URL) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
