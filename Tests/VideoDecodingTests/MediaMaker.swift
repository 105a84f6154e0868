import Foundation

/// Makes test media with the ffmpeg CLI at test time, in a temporary folder: containers and elementary streams
/// the fixtures do not hold, and the CLI's own decoded frames to compare against.
enum MediaMaker {
    /// The ffmpeg CLI, when installed; tests that need it are enabled only then.
    static let ffmpegPath = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A new empty temporary folder.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `ffmpeg -v error -nostdin -y arguments…` and returns what it wrote to standard output.
    @discardableResult
    static func ffmpeg(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpegPath ?? "/usr/bin/ffmpeg")
        process.arguments = ["-v", "error", "-nostdin", "-y"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [NSLocalizedDescriptionKey: "ffmpeg \(arguments.joined(separator: " ")) failed"])
        }
        return data
    }

    /// Every frame of `path` as the ffmpeg CLI decodes it (`-f rawvideo -pix_fmt rgb24`), split into frames of
    /// `width`×`height`.
    static func rawFrames(of path: String, width: Int, height: Int) throws -> [[UInt8]] {
        let bytes = [UInt8](try ffmpeg(["-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]))
        let size = width * height * 3
        return stride(from: 0, to: bytes.count - size + 1, by: size).map { Array(bytes[$0..<$0 + size]) }
    }
}
