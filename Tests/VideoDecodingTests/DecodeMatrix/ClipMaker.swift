import Foundation

/// Encodes FFmpeg's own `testsrc2` pattern (moving gradients, a clock and a counter, so no two frames are alike)
/// with the ffmpeg CLI: two seconds at 24 frames per second, 48 frames, no third-party footage.
enum ClipMaker {
    /// The encoding the damaged clips are made from: H.264 with B-pyramids in 20-frame GOPs.
    static let h264 = Encoding.all[0]

    /// Encodes the pattern with `encoding` into `path`, whose extension picks the muxer.
    static func encode(_ encoding: Encoding, into path: String) throws {
        try ffmpeg(pattern(encoding) + encoding.arguments + ["-threads", "1", path])
    }

    /// Encodes the pattern with `encoding` into each of `encoding.containers` in one run of ffmpeg (one encoder per
    /// output, each with its container's options): starting ffmpeg costs more than encoding 48 small frames.
    /// Returns the path of each container's file in `directory`.
    ///
    /// One encoder thread each: several clips are made at once, and libvpx in particular slows down badly when its
    /// threads compete for the cores.
    static func encodeEveryContainer(_ encoding: Encoding, in directory: URL) throws -> [Container: String] {
        var arguments = pattern(encoding)
        var paths: [Container: String] = [:]
        for container in encoding.containers {
            let path = directory.appendingPathComponent("\(encoding.name).\(container.fileExtension)").path
            arguments += encoding.arguments + ["-threads", "1"] + (encoding.perContainer[container] ?? []) + container.muxArguments + [path]
            paths[container] = path
        }
        try ffmpeg(arguments)
        return paths
    }

    /// The input options of two seconds of `testsrc2` at `encoding.size`, 24 frames per second.
    private static func pattern(_ encoding: Encoding) -> [String] {
        ["-f", "lavfi", "-i", "testsrc2=size=\(encoding.size):rate=24:duration=2"]
    }

    /// Runs ffmpeg quietly, overwriting its output.
    static func ffmpeg(_ arguments: [String]) throws {
        try CommandLineTool.run(CommandLineTool.ffmpeg, ["-nostdin", "-y", "-loglevel", "error"] + arguments) { _ in }
    }
}
