import Foundation
import Testing

/// Batch mode end to end: folders and lists expand in a fixed order, every input gets exactly one JSONL record,
/// `--output` refuses to clobber, and a batch killed midway and resumed writes what an uninterrupted run writes.
@Suite("batch")
struct BatchTests {
    private static let mkv = CommandRunner.fixture("robustness/small.mkv")
    private static let mp4 = CommandRunner.fixture("robustness/small.mp4")

    /// The records of JSONL `text`, without the run header an `--output` file starts with.
    private func records(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }.filter { $0["vidclass"] == nil }
    }

    @Test("a folder (recursively, videos only), files and a list give one record each in input order; 69 on failure")
    func foldersListsAndOrder() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nested = folder.appendingPathComponent("b/nested")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.mkv, toPath: folder.appendingPathComponent("a.mkv").path)
        try FileManager.default.copyItem(atPath: Self.mp4, toPath: nested.appendingPathComponent("c.MP4").path)
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let list = folder.appendingPathComponent("list.txt")
        try Data("\(Self.mp4)\n\n/no/such/clip.mp4\n".utf8).write(to: list)
        let outcome = try CommandRunner.run(
            [folder.path + "/", Self.mkv, "--files-from", list.path, "--frames", "1", "--format", "jsonl"])
        #expect(outcome.status == 69)
        let records = try records(outcome.text)
        #expect(
            records.compactMap { $0["input"] as? String } == [
                folder.path + "/a.mkv", folder.path + "/b/nested/c.MP4", Self.mkv, Self.mp4, "/no/such/clip.mp4",
            ])
        let error = try #require(records.last?["error"] as? [String: Any])
        #expect(error["code"] as? String == "missing-input")
        #expect(records.dropLast().allSatisfy { $0["error"] == nil })
    }

    @Test("--files-from - reads the list on standard input; all good exits 0")
    func listOnStandardInput() throws {
        let outcome = try CommandRunner.run(
            ["--files-from", "-", "--frames", "1", "--format", "jsonl"], input: Data("\(Self.mp4)\n\(Self.mkv)\n".utf8))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try records(outcome.text).compactMap { $0["input"] as? String } == [Self.mp4, Self.mkv])
    }

    @Test("--output refuses an existing file (73) unless --force; --resume needs --output")
    func outputSafety() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.jsonl")
        try Data("keep me\n".utf8).write(to: output)
        let refused = try CommandRunner.run([Self.mkv, "--frames", "1", "--output", output.path])
        #expect(refused.status == 73)
        #expect(try String(contentsOf: output, encoding: .utf8) == "keep me\n")
        let forced = try CommandRunner.run([Self.mkv, "--frames", "1", "--output", output.path, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(forced.text.isEmpty, "records go to the file, not standard output")
        #expect(try records(String(contentsOf: output, encoding: .utf8)).count == 1)
        #expect(try CommandRunner.run([Self.mkv, "--resume"]).status == 64)
    }

    @Test("a batch killed midway (SIGKILL) and resumed, or resumed after a torn last line, equals an uninterrupted run")
    func killAndResume() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = (0..<14).map { $0.isMultiple(of: 3) ? Self.mp4 : $0 == 7 ? "/no/such/clip.mkv" : Self.mkv }
        let arguments = inputs + ["--frames", "4", "--threads", "1"]
        let complete = folder.appendingPathComponent("complete.jsonl")
        #expect(try CommandRunner.run(arguments + ["--output", complete.path]).status == 69)
        let expected = try String(contentsOf: complete, encoding: .utf8)
        #expect(expected.split(separator: "\n").count == 1 + inputs.count, "a run header, then one record per input")

        let killed = folder.appendingPathComponent("killed.jsonl")
        let interrupted = try CommandRunner.killWhen(killed, hasLines: 3, running: arguments + ["--output", killed.path])
        #expect(interrupted, "the batch was still running when killed")
        let partial = try String(contentsOf: killed, encoding: .utf8).split(separator: "\n").count
        #expect(partial < 1 + inputs.count)
        #expect(try CommandRunner.run(arguments + ["--output", killed.path, "--resume"]).status == 69)
        #expect(try String(contentsOf: killed, encoding: .utf8) == expected)

        let torn = folder.appendingPathComponent("torn.jsonl")
        let lines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        try Data((lines.prefix(3).joined(separator: "\n") + "\n" + lines[3].prefix(40)).utf8).write(to: torn)
        #expect(try CommandRunner.run(arguments + ["--output", torn.path, "--resume"]).status == 69)
        #expect(try String(contentsOf: torn, encoding: .utf8) == expected)
    }
}
