import Foundation
import Testing

/// The frames a user asks for are the frames they get, as the ffmpeg CLI numbers them — on the MPEG-4 Part 2
/// AVIs of UCF101 and HMDB51 too — and a frame that truly cannot be decoded is named, never silently replaced.
@Suite("exact frames from the command line")
struct ExactFramesCommandTests {
    /// A UCF101-style clip: MPEG-4 Part 2 (XviD) with B-frames and N-VOP placeholders in AVI, 164 frames.
    let xvid = CommandRunner.packageRoot.appendingPathComponent("Tests/VideoDecodingTests/Fixtures/mmaction2_tests_test.avi").path
    /// An H.264 MP4 whose frame 30 cannot be decoded (the ffmpeg CLI outputs 49 of its 50 frames).
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

    @Test func aFrameThatCannotBeDecodedIsNamedInEveryOutput() throws {
        let result = try record([damaged, "--sampling", "uniform", "--frames", "50"])
        let replaced = frames(of: result).filter { $0["substituted"] as? Bool == true }
        #expect(replaced.count == 1)
        #expect(replaced.first?["requestedIndex"] as? Int == 30)
        #expect(replaced.first?["index"] as? Int == 29)
        #expect((result["warnings"] as? [String] ?? []).contains {
            $0.contains("Frame 30 was requested but could not be decoded; frame 29")
        })

        let text = try CommandRunner.run([damaged, "--sampling", "uniform", "--frames", "50"])
        #expect(text.text.contains("Frame 30 was requested but could not be decoded"))

        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try CommandRunner.run(["frames", damaged, "--indices", "29,30,31", "--out", folder.path])
        #expect(written.status == 65)
        #expect(written.standardError.contains("Frame 30 of"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["frame_000029.png", "frame_000031.png"])
    }
}
