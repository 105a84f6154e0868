import Foundation

/// What the ffmpeg CLI makes of a video: every frame it outputs, in order, as a fingerprint of its RGB24 pixels.
///
/// The frames come from `ffmpeg -i X -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt rgb24 -`: every
/// decoded frame exactly once, which is frame `i` of the promise "frame index i is the CLI's i-th frame". The
/// passthrough is not optional: although rawvideo stores no timestamps, ffmpeg 5.1 makes its output constant-rate
/// by default, duplicating frames of variable-rate video (`torchcodec_var_fps_video.mp4` gives 449 frames instead
/// of its 300). The CLI rotates upright by the display matrix, as `DecodedFrame.rgbImage()` does by default.
struct CLIReference: Sendable {
    /// The absolute index of the stream `-map 0:v:0` picks (the reader is told to decode the same one).
    var streamIndex: Int
    /// The size of the CLI's pictures, rotation applied.
    var width: Int
    var height: Int
    /// One fingerprint per output frame.
    var frames: [FrameHash]

    /// Probes `path` with ffprobe and fingerprints every frame the CLI decodes from it.
    init(of path: String) throws {
        let probe = try CommandLineTool.output(
            of: CommandLineTool.ffprobe,
            [
                "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=index,width,height:stream_side_data=rotation", "-of", "default=noprint_wrappers=1", path,
            ])
        var fields: [String: Int] = [:]
        for line in probe.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        guard let index = fields["index"], let width = fields["width"], let height = fields["height"] else {
            throw CommandLineTool.Failure(command: "ffprobe \(path)", status: 0, standardError: "no video stream: \(probe)")
        }
        let turned = abs(fields["rotation"] ?? 0) % 180 == 90
        streamIndex = index
        self.width = turned ? height : width
        self.height = turned ? width : height

        var pending: [UInt8] = []
        var hashes: [FrameHash] = []
        try CommandLineTool.run(CommandLineTool.ffmpeg, ["-nostdin", "-loglevel", "error", "-i", path] + Self.decoding(input: 0, into: "-")) { chunk in
            pending.append(contentsOf: chunk)
            let whole = pending.count / (width * height * 3) * (width * height * 3)
            hashes += Self.fingerprints(of: pending[..<whole], width: width, height: height)
            pending.removeFirst(whole)
        }
        try Self.checkNothingLeft(pending.count, after: hashes.count, width: width, height: height, path: path)
        frames = hashes
    }

    /// The references of clips of a known size whose only stream is video, `paths`, made by one run of ffmpeg
    /// that decodes them all (as many runs of the command above would, one decoder per input) into raw files next
    /// to them: starting ffmpeg costs more than decoding 48 small frames.
    static func ofClips<Key: Hashable>(_ paths: [Key: String], width: Int, height: Int) throws -> [Key: CLIReference] {
        let entries = Array(paths)
        var arguments = ["-nostdin", "-y", "-loglevel", "error"]
        for entry in entries { arguments += ["-i", entry.value] }
        for (number, entry) in entries.enumerated() {
            arguments += decoding(input: number, into: entry.value + ".rgb")
        }
        try CommandLineTool.run(CommandLineTool.ffmpeg, arguments) { _ in }
        var references: [Key: CLIReference] = [:]
        for entry in entries {
            let raw = URL(fileURLWithPath: entry.value + ".rgb")
            let bytes = [UInt8](try Data(contentsOf: raw))
            try? FileManager.default.removeItem(at: raw)
            let whole = bytes.count / (width * height * 3) * (width * height * 3)
            try checkNothingLeft(bytes.count - whole, after: whole / (width * height * 3), width: width, height: height, path: entry.value)
            references[entry.key] = CLIReference(
                streamIndex: 0, width: width, height: height, frames: fingerprints(of: bytes[..<whole], width: width, height: height))
        }
        return references
    }

    private init(streamIndex: Int, width: Int, height: Int, frames: [FrameHash]) {
        self.streamIndex = streamIndex
        self.width = width
        self.height = height
        self.frames = frames
    }

    /// The output options that decode the first video stream of input number `input` into `output`.
    private static func decoding(input: Int, into output: String) -> [String] {
        ["-map", "\(input):v:0", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", output]
    }

    /// One fingerprint per `width`×`height` RGB24 picture of `bytes` (a whole number of pictures).
    private static func fingerprints(of bytes: ArraySlice<UInt8>, width: Int, height: Int) -> [FrameHash] {
        let frameSize = width * height * 3
        return bytes.withUnsafeBytes { raw in
            (0..<(raw.count / frameSize)).map { FrameHash(UnsafeRawBufferPointer(rebasing: raw[($0 * frameSize)..<(($0 + 1) * frameSize)])) }
        }
    }

    /// Throws when the CLI's output does not end on a picture boundary: the size is not what it was taken for.
    private static func checkNothingLeft(_ leftOver: Int, after frames: Int, width: Int, height: Int, path: String) throws {
        guard leftOver != 0 else { return }
        throw CommandLineTool.Failure(
            command: "ffmpeg \(path)", status: 0,
            standardError: "\(leftOver) bytes left over after \(frames) frames of \(width)x\(height)")
    }

    /// The CLI frames whose pixels are exactly `hash`'s, to say what a wrong frame actually was.
    func frames(matching hash: FrameHash) -> [Int] {
        frames.indices.filter { frames[$0] == hash }
    }
}
