import Foundation

/// Runs the `ffmpeg` and `ffprobe` command-line tools, blocking the calling thread until they exit.
///
/// Call it from a clip-making thread (`MatrixClips` runs it on an `OperationQueue`), never from Swift concurrency's
/// few shared threads. Standard error goes to a temporary file so a chatty tool can never fill a pipe and stall.
enum CommandLineTool {
    static let ffmpeg = locate("ffmpeg")
    static let ffprobe = locate("ffprobe")

    /// A tool that exited with a non-zero status.
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var standardError: String

        var description: String {
            "`\(command)` exited with status \(status): \(standardError.suffix(600))"
        }
    }

    /// Runs `tool` with `arguments`, handing its standard output to `consume` chunk by chunk as it arrives.
    static func run(_ tool: String?, _ arguments: [String], output consume: (Data) -> Void) throws {
        guard let tool else { throw Failure(command: "ffmpeg/ffprobe", status: -1, standardError: "not installed") }
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-matrix-stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        defer { try? errorHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            consume(chunk)
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(
                command: ([tool] + arguments).joined(separator: " "), status: process.terminationStatus,
                standardError: message)
        }
    }

    /// Runs `tool` and returns its whole standard output as text.
    static func output(of tool: String?, _ arguments: [String]) throws -> String {
        var data = Data()
        try run(tool, arguments) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    private static func locate(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
