import Foundation

/// H.264 clips whose first pictures cannot be decoded, the way real files go wrong: recordings cut in the middle
/// of a GOP, raw streams picked up mid-stream, and a damaged first keyframe. Each is made from the test pattern
/// (`ClipMaker.h264` options, 20-frame GOPs with B-pyramids) and then cut or damaged.
enum DamagedClip: String, Sendable, CaseIterable {
    /// Stream-copied from 0.3 s into MPEG-TS, non-keyframes kept (`-copyinkf`): it opens on B- and P-frames whose
    /// references are gone, and with no SPS/PPS until the next keyframe.
    case cutMidGOPTransportStream = "h264-cut-midgop.ts"
    /// The same cut into Matroska: here the parameter sets are in the header, but the references are still gone.
    case cutMidGOPMatroska = "h264-cut-midgop.mkv"
    /// A raw Annex-B stream whose bytes start at the third non-IDR slice (as `dd` of a capture would): no
    /// timestamps, no parameter sets before the second GOP.
    case annexBFromNonIDR = "h264-from-non-idr.h264"
    /// Matroska whose first IDR has 64 bytes of its slice data overwritten, three quarters into the packet.
    case damagedFirstIDR = "h264-damaged-idr.mkv"

    var fileName: String { rawValue }

    /// Makes the clip at `path`, using `directory` for the intact clip it is cut from.
    func make(at path: String, in directory: URL) throws {
        let intact = { (ext: String) in directory.appendingPathComponent("\(self.fileName).intact.\(ext)").path }
        switch self {
        case .cutMidGOPTransportStream, .cutMidGOPMatroska:
            let source = intact("ts")
            try ClipMaker.encode(ClipMaker.h264, into: source)
            try ClipMaker.ffmpeg(["-i", source, "-ss", "0.3", "-c", "copy", "-copyinkf", path])
        case .annexBFromNonIDR:
            let source = intact("h264")
            try ClipMaker.encode(ClipMaker.h264, into: source)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
            let start = try Self.startOfNonIDRSlice(number: 3, in: bytes)
            try Data(bytes[start...]).write(to: URL(fileURLWithPath: path))
        case .damagedFirstIDR:
            let source = intact("mkv")
            try ClipMaker.encode(ClipMaker.h264, into: source)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
            let packet = try Self.firstPacket(of: source)
            guard packet.size > 1500 else {
                throw CommandLineTool.Failure(command: "damage \(source)", status: 0, standardError: "first packet of \(packet.size) bytes is too small to hit its slice data")
            }
            let at = packet.position + packet.size * 3 / 4
            for offset in at..<(at + 64) { bytes[offset] = UInt8(truncatingIfNeeded: offset &* 0x5B) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
    }

    /// The offset of the start code (`00 00 01`, with a leading zero when there is one) of the `number`-th
    /// coded slice of a non-IDR picture (NAL unit type 1).
    private static func startOfNonIDRSlice(number: Int, in bytes: [UInt8]) throws -> Int {
        var seen = 0
        var position = 0
        while position + 3 < bytes.count {
            if bytes[position] == 0, bytes[position + 1] == 0, bytes[position + 2] == 1, bytes[position + 3] & 0x1F == 1 {
                seen += 1
                if seen == number { return position > 0 && bytes[position - 1] == 0 ? position - 1 : position }
            }
            position += 1
        }
        throw CommandLineTool.Failure(command: "cut Annex B", status: 0, standardError: "fewer than \(number) non-IDR slices")
    }

    /// Byte position and size of the video stream's first packet, from ffprobe.
    private static func firstPacket(of path: String) throws -> (position: Int, size: Int) {
        let text = try CommandLineTool.output(
            of: CommandLineTool.ffprobe,
            ["-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1", "-show_entries", "packet=pos,size", "-of", "csv=p=0", path])
        let fields = text.split(whereSeparator: \.isNewline).first?.split(separator: ",").compactMap { Int($0) } ?? []
        guard fields.count == 2 else {
            throw CommandLineTool.Failure(command: "ffprobe \(path)", status: 0, standardError: "no packet position: \(text)")
        }
        return (fields[1], fields[0])
    }
}
