import Foundation

extension CommandRunner {
    /// Starts `vidclass arguments…` in `folder` (the package root when nil) and kills it with SIGKILL as soon as
    /// `file` holds `lines` lines (a run header and records), as a crash or a node failure would; returns
    /// whether it was still running then, so the test knows it cut a batch short rather than watched one end.
    /// Gives up waiting after 60 s.
    static func killWhen(_ file: URL, hasLines lines: Int, running arguments: [String], in folder: URL? = nil) throws -> Bool {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? packageRoot
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline,
            (try? String(contentsOf: file, encoding: .utf8))?.split(separator: "\n").count ?? 0 < lines
        {
            Thread.sleep(forTimeInterval: 0.005)
        }
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running
    }
}
