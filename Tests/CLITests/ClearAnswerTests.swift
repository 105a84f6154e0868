import Foundation
import Testing

/// Inputs that used to get a misleading answer now get one sentence saying what is wrong, with the right exit
/// code: devices, FIFOs, random bytes, names that are not UTF-8, negative numbers, comment lines, and batch
/// errors said once.
@Suite("clear answers")
struct ClearAnswerTests {
    private let clip = CommandRunner.sampleClip("bikes.mp4")

    @Test func aCharacterDeviceIsNotCalledEmpty() throws {
        let outcome = try CommandRunner.run(["probe", "/dev/zero"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError == "vidclass: /dev/zero is a character device, not a video file; pass a video file or a pipe.\n")
    }

    /// bash's `<(cmd)` names a pipe such as /dev/fd/63: read as a stream, like standard input.
    @Test func aFIFOPathIsReadAsAPipe() throws {
        let outcome = try CommandRunner.run(["probe", clip], shell: #""$0" probe <(cat "$2")"#)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.text.contains("\"codec\" : \"h264\""), "\(outcome.text)")
        let classified = try CommandRunner.run(
            [clip, "--frames", "2"], shell: #""$0" <(cat "$1") --frames 2"#)
        #expect(classified.status == 0, "\(classified.standardError)")
        #expect(classified.text.hasPrefix("/dev/fd/"), "\(classified.text)")
    }

    @Test func randomBytesAreNotAVideoFormat() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for seed in 0..<8 {
            let bytes = (0..<65_536).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            let path = folder.appendingPathComponent("random\(seed).bin")
            try Data(bytes).write(to: path)
            let outcome = try CommandRunner.run(["probe", path.path])
            #expect(outcome.status == 65)
            #expect(
                outcome.standardError == "vidclass: \(path.path) is not in a video format FFmpeg recognises; check that it is a video file.\n")
        }
    }

    @Test func aNameThatIsNotUTF8IsSaidSo() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = folder.path + "/clip\u{FFFD}.mp4"
        let raw = (Array((folder.path + "/clip").utf8) + [0xFF] + Array(".mp4".utf8) + [0]).map { CChar(bitPattern: $0) }
        let descriptor = open(raw, O_WRONLY | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        close(descriptor)
        let outcome = try CommandRunner.run(["probe", folder.path], shell: #""$0" "$1" "$2/clip"$'\xff'.mp4"#)
        #expect(outcome.status == 66)
        #expect(
            outcome.standardError
                == "vidclass: \(name) cannot be opened: its name is not valid UTF-8; rename the file (for example with convmv) or pipe it in with `vidclass - < FILE`.\n")
    }

    @Test(arguments: [["--stride", "-1"], ["--frames", "-3"], ["--top", "-1"], ["--threads", "-2"]])
    func aNegativeNumberIsOutOfRangeNotMissing(_ option: [String]) throws {
        let outcome = try CommandRunner.run([clip] + option)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("\(option[0]) (\(option[1])) must be"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("Missing value"))
    }

    @Test func filesFromSkipsCommentsAndBlankLines() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("list.txt")
        try Data("# my clips\r\n\r\n\(clip)\r\n  \n# \(clip)\n".utf8).write(to: list)
        let outcome = try CommandRunner.run(["--files-from", list.path, "--frames", "1", "--format", "jsonl"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.text.split(separator: "\n").count == 1, "\(outcome.text)")
    }

    /// With standard output and error on the same terminal or pipe, a text-mode batch error appears once: its
    /// record says it; with them apart, standard error still gets its line.
    @Test func aBatchErrorIsSaidOnceInTextMode() throws {
        let together = try CommandRunner.run([clip, "/no/such.mp4", "--frames", "1"], shell: #""$0" "$@" 2>&1"#)
        #expect(together.status == 69)
        #expect(together.text.components(separatedBy: "No file exists at /no/such.mp4").count == 2, "\(together.text)")
        let apart = try CommandRunner.run([clip, "/no/such.mp4", "--frames", "1"])
        #expect(apart.status == 69)
        #expect(apart.text.contains("No file exists at /no/such.mp4"))
        #expect(apart.standardError.contains("No file exists at /no/such.mp4"))
    }
}
