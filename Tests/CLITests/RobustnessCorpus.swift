import Foundation

/// Builds the robustness corpus at test time: more than 200 damaged, hostile or simply wrong files made from
/// small real clips, each named by how it was made (`small.mkv.truncated-0517.mkv`, `small.mp4.header-flip-3.mp4`).
///
/// ```swift
/// let folder = try RobustnessCorpus.write(to: scratch)   // [URL] of every file, in a fixed order
/// ```
///
/// What is in it, per source clip (`small.mkv`, `small.mp4`, `moov_at_end.mp4`): the file cut at 30 points
/// spread over its length; 15 single-bit flips in the first 512 bytes (container headers); 15 files with 8
/// random bytes flipped in the second half (packet payloads); 8 files with a zero-filled 1 KiB region; and,
/// for MP4s, sample counts that lie (`stsz` claims 10x or half the frames). Plus: 10 garbage files of various
/// sizes named as videos, an empty file, audio-only files (whole and cut), and text named `.mp4`.
/// Mutations come from a fixed seed, so every run builds the same corpus. Cost: a few MB written to `folder`.
enum RobustnessCorpus {
    static func write(to folder: URL) throws -> [URL] {
        var random = SeededBytes(seed: 0x5EED_F00D)
        var files: [(String, Data)] = []
        for name in ["robustness/small.mkv", "robustness/small.mp4", "moov_at_end.mp4"] {
            let clip = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture(name)))
            let base = (name as NSString).lastPathComponent
            let suffix = (base as NSString).pathExtension
            for point in 1...30 {
                let length = clip.count * point / 31
                files.append((String(format: "%@.truncated-%04d.%@", base, point, suffix), clip.prefix(length)))
            }
            for flip in 0..<15 {
                var copy = clip
                let offset = random.next(below: min(512, clip.count))
                copy[offset] ^= UInt8(1 << random.next(below: 8))
                files.append(("\(base).header-flip-\(flip).\(suffix)", copy))
            }
            for flip in 0..<15 {
                var copy = clip
                for _ in 0..<8 {
                    copy[clip.count / 2 + random.next(below: clip.count / 2)] ^= UInt8(1 + random.next(below: 255))
                }
                files.append(("\(base).packet-flip-\(flip).\(suffix)", copy))
            }
            for region in 0..<8 {
                var copy = clip
                let start = clip.count * region / 8
                copy.replaceSubrange(
                    start..<min(clip.count, start + 1024), with: Data(count: min(1024, clip.count - start)))
                files.append(("\(base).zeroed-\(region).\(suffix)", copy))
            }
            if suffix == "mp4" {
                for (label, factor) in [("more", 10.0), ("fewer", 0.5)] {
                    files.append(("\(base).lying-count-\(label).mp4", try lyingSampleCount(clip, factor: factor)))
                }
            }
        }
        for index in 0..<10 {
            let size = [1, 7, 64, 512, 4096, 10_000, 30_000, 100, 2048, 65_536][index]
            let name = index.isMultiple(of: 2) ? "garbage-\(index).mp4" : "garbage-\(index).mkv"
            files.append((name, Data((0..<size).map { _ in UInt8(random.next(below: 256)) })))
        }
        files.append(("empty.mp4", Data()))
        let audio = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture("audio_only.m4a")))
        files.append(("audio-only.mov", audio))
        files.append(("audio-only.mp4", audio))
        files.append(("audio-only.truncated.mp4", audio.prefix(audio.count / 2)))
        files.append(("text.mp4", Data("This is not a video, just text with a video's name.\n".utf8)))
        files.append(("html.mkv", Data("<!doctype html><html><body>404 Not Found</body></html>\n".utf8)))
        return try files.map { name, bytes in
            let url = folder.appendingPathComponent(name)
            try bytes.write(to: url)
            return url
        }
    }

    /// `clip` with the sample count of its `stsz` box multiplied by `factor`.
    private static func lyingSampleCount(_ clip: Data, factor: Double) throws -> Data {
        guard let box = clip.firstRange(of: Data("stsz".utf8)) else { throw CorpusError.noSampleTable }
        let field = box.upperBound + 8  // version+flags (4), sample_size (4), then sample_count (4, big-endian)
        let count = clip[field..<field + 4].reduce(0) { $0 << 8 | Int($1) }
        let lie = UInt32(max(1, Int(Double(count) * factor)))
        var copy = clip
        copy.replaceSubrange(
            field..<field + 4, with: Data([24, 16, 8, 0].map { UInt8(truncatingIfNeeded: lie >> $0) }))
        return copy
    }

    enum CorpusError: Error {
        case noSampleTable
    }
}

/// A tiny deterministic generator (SplitMix64) so the corpus is the same on every run.
struct SeededBytes {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
