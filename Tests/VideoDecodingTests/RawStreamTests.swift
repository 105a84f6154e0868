import Foundation
import Testing
import VideoDecoding

/// Raw H.264 and HEVC elementary streams (no timestamps, so no seeking by time) and GIF: frame `i` is the `i`-th
/// frame the ffmpeg CLI outputs (`-f rawvideo -pix_fmt rgb24`), from a file and from a pipe, in any order.
@Suite(.enabled(if: MediaMaker.ffmpegPath != nil, "needs the ffmpeg CLI"))
struct RawStreamTests {
    /// `name` made from a test pattern (B-frames and a keyframe every 12 frames where the codec has them).
    private func make(_ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try MediaMaker.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=96x64:rate=10", "-t", "4", "-g", "12", path])
        return path
    }

    @Test(arguments: ["clip.h264", "clip.hevc", "clip.gif"])
    func framesEqualTheFFmpegCLI(name: String) throws {
        let folder = try MediaMaker.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try make(name, in: folder)
        let reference = try MediaMaker.rawFrames(of: path, width: 96, height: 64)
        #expect(reference.count == 40)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let inputs: [VideoInput] = [.path(path), .source(ByteArraySource(bytes, isSeekable: false))]
        for input in inputs {
            let reader = try VideoReader(input)
            #expect(try reader.scanIndex().count == 40)
            // Out of order and going back: later requests of a call and a second call both reread from the start.
            for indices in [[39, 0, 13, 25], [7, 12, 36], [1]] {
                var frames: [Int: [UInt8]] = [:]
                try reader.readFrames(at: indices) { frames[$0.requestedIndex] = try $0.rgbImage().pixels }
                for index in indices {
                    #expect(frames[index] == reference[index], "\(name) \(input.displayName) frame \(index)")
                }
            }
            var snapped: [Int] = []
            try reader.readFrames(at: [30, 5], mode: .keyframe) { snapped.append($0.index) }
            let keyframes = try reader.scanIndex().keyframes
            #expect(snapped.count == 2 && snapped.allSatisfy(keyframes.contains))
        }
    }
}
