import Foundation
import Testing

/// Writes to standard output and error that fail: a full disk is exit 74 with one sentence, a closed standard
/// output is exit 74 (never results in another file), a reader that went away is a quiet exit 0, a closed
/// standard error changes nothing; never a crash (132, 134, 139) or a Foundation exception.
@Suite("standard streams")
struct StandardStreamTests {
    private let clip = CommandRunner.sampleClip("bikes.mp4")

    /// Checks `status`, that nothing crashed, and that standard error holds `sentence` as its one line.
    private func expect(_ outcome: CommandRunner.Outcome, status: Int32, sentence: String?) {
        #expect(![132, 134, 139].contains(outcome.status), "crashed: \(outcome.standardError)")
        #expect(outcome.status == status, "\(outcome.standardError)")
        if let sentence {
            #expect(outcome.standardError == "vidclass: \(sentence)\n")
        }
    }

    @Test func aFullDiskOnStandardOutputIsExit74() throws {
        let full = "Writing to standard output failed: no space left on device; free space or send standard output elsewhere."
        expect(try CommandRunner.run(["probe", clip], shell: #""$0" "$@" > /dev/full"#), status: 74, sentence: full)
        expect(try CommandRunner.run(["--help"], shell: #""$0" "$@" > /dev/full"#), status: 74, sentence: full)
        expect(
            try CommandRunner.run([clip, "--frames", "2"], shell: #""$0" "$@" > /dev/full"#), status: 74, sentence: full)
        expect(
            try CommandRunner.run(["frames", clip, "--frames", "2", "--size", "32", "--out", "-"], shell: #""$0" "$@" > /dev/full 2> /dev/null; exit $?"#),
            status: 74, sentence: nil)
    }

    @Test func aClosedStandardOutputIsExit74AndWritesNoOtherFile() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let closed = "Writing to standard output failed: it is closed; run vidclass with standard output open (not >&-) or redirected to a file."
        expect(try CommandRunner.run(["probe", clip], shell: #""$0" "$@" >&-"#), status: 74, sentence: closed)
        // With descriptor 1 closed, the --output file would get number 1 and the records twice, or garbled.
        let records = folder.appendingPathComponent("runs.jsonl").path
        let outcome = try CommandRunner.run(
            [clip, clip, "--frames", "1", "--output", records], shell: #""$0" "$@" >&-"#)
        expect(outcome, status: 0, sentence: nil)
        let lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3, "a header and two records, got \(lines)")
    }

    @Test func aClosedStandardErrorChangesNothing() throws {
        let fine = try CommandRunner.run(["probe", clip], shell: #""$0" "$@" 2>&-"#)
        expect(fine, status: 0, sentence: nil)
        #expect(fine.text.contains("\"codec\""))
        expect(try CommandRunner.run(["/no/such/clip.mp4"], shell: #""$0" "$@" 2>&-"#), status: 66, sentence: nil)
        expect(try CommandRunner.run(["/no/such/clip.mp4"], shell: #""$0" "$@" 2> /dev/full"#), status: 66, sentence: nil)
    }

    /// Standard input that cannot be read (a directory) is an I/O error, not a trap in Foundation.
    @Test func aListOnUnreadableStandardInputIsExit74() throws {
        let outcome = try CommandRunner.run(["--files-from", "-"], shell: #""$0" "$@" < /"#)
        expect(outcome, status: 74, sentence: nil)
        #expect(outcome.standardError.hasPrefix("vidclass: Reading the list from standard input failed ("), "\(outcome.standardError)")
    }

    /// `train` must not exit 0 when the summary that tells how it went could not be written.
    @Test func trainWhoseSummaryCannotBeWrittenIsExit74() throws {
        let data = try DatasetFixture.folders()
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("head.safetensors").path
        let outcome = try CommandRunner.run(
            ["train", data.train.path, "--frames", "2", "--epochs", "1", "--out", model, "--cache", folder.appendingPathComponent("cache").path],
            shell: #""$0" "$@" > /dev/full"#)
        #expect(outcome.status == 74, "\(outcome.standardError)")
        #expect(outcome.standardError.hasSuffix(
            "vidclass: Writing to standard output failed: no space left on device; free space or send standard output elsewhere.\n"))
    }

    /// `vidclass … | head -c 100`: the reader has what it wanted; vidclass ends quietly with 0, not 141.
    @Test func aReaderThatWentAwayEndsQuietlyWithZero() throws {
        let outcome = try CommandRunner.run(
            ["frames", clip, "--frames", "16", "--out", "-"],
            shell: #""$0" "$@" 2> /tmp/vidclass-epipe-$$.err | head -c 100 > /dev/null; status=${PIPESTATUS[0]}; grep -v '^frame ' /tmp/vidclass-epipe-$$.err >&2; rm -f /tmp/vidclass-epipe-$$.err; exit $status"#)
        expect(outcome, status: 0, sentence: nil)
        #expect(outcome.standardError.isEmpty, "\(outcome.standardError)")
    }
}
