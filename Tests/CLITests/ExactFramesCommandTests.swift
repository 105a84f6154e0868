import Foundation
import Testing

/// The frames a user asks for are the frames they get, as the ffmpeg CLI numbers them — on the MPEG-4 Part 2
/// AVIs of UCF101 and HMDB51 too — and a frame that truly cannot be decoded is named, never silently replaced.
@Suite("exact frames from the command line")
struct ExactFramesCommandTests {
    /// A UCF101-style clip: MPEG-4 Part 2 (XviD) with B-frames and N-VOP placeholders in AVI, 164 frames.
    let xvid = CommandRunner.packageRoot.appendingPathComponent("Tests/VideoDecodingTests/Fixtures/mmaction2_tests_test.avi").path
    /// An H.264 MP4 with a damaged packet: the ffmpeg CLI outputs 49 of the 50 frames it holds.
    let damaged = CommandRunner.packageRoot.appendingPathComponent("Tests/VideoDecodingTests/Fixtures/decord_corrupted.mp4").path

    private func record(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try CommandRunner.run(arguments + ["--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
    }

    private func frames(of record: [String: Any]) -> [[String: Any]] {
        record["frames"] as? [[String: Any]] ?? []
    }

    @Test func classifyingAnXviDAVIUsesEveryRequestedFrame() throws {
        let result = try record([xvid, "--frames", "16"])
        let sampled = frames(of: result)
        // floor((i + 0.5) · 164 / 16) for i = 0…15
        let expected = (0..<16).map { (2 * $0 + 1) * 164 / 32 }
        #expect(sampled.map { $0["requestedIndex"] as? Int } == expected)
        #expect(sampled.map { $0["index"] as? Int } == expected)
        #expect(sampled.allSatisfy { $0["substituted"] as? Bool == false })
        #expect((result["video"] as? [String: Any])?["frameCount"] as? Int == 164)
        #expect((result["warnings"] as? [String])?.isEmpty == true)
    }

    @Test func anEncodedXviDWithBFramesGivesEveryFrame() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clip = folder.appendingPathComponent("xvid_b2.avi").path
        try DatasetFixture.ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", "-c:v", "mpeg4", "-bf", "2",
            "-vtag", "XVID", "-g", "30", "-q:v", "4", clip,
        ])
        let sampled = frames(of: try record([clip, "--frames", "12"]))
        let expected = (0..<12).map { (2 * $0 + 1) * 100 / 24 }
        #expect(sampled.map { $0["index"] as? Int } == expected)
        let pictures = folder.appendingPathComponent("frames")
        let written = try CommandRunner.run(["frames", clip, "--indices", "0,1,2,50,99", "--out", pictures.path])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: pictures.path).count == 5)
    }

    /// The CLI outputs 49 of the clip's 50 frames: once the damage shows, frames are numbered as decoded, the
    /// sampling is chosen from 49, and the record says why.
    @Test func damagedDataRenumbersTheFramesAndSaysSo() throws {
        let result = try record([damaged, "--sampling", "uniform", "--frames", "49"])
        let sampled = frames(of: result)
        #expect(sampled.map { $0["index"] as? Int } == Array(0..<49))
        #expect(sampled.allSatisfy { $0["substituted"] as? Bool == false })
        #expect((result["video"] as? [String: Any])?["frameCount"] as? Int == 49)
        #expect((result["warnings"] as? [String] ?? []).contains {
            $0.contains("holds 50 frames but only 49 decode (damaged data)")
        })

        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try CommandRunner.run(["frames", damaged, "--indices", "29,30,48", "--out", folder.path])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["frame_000029.png", "frame_000030.png", "frame_000048.png"])
    }
}
