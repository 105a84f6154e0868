import Foundation
import Testing

/// Sharded runs end to end, each shard its own process: `--shard K/N` over a folder with a corrupt clip, then
/// `vidclass merge`, against one process over the same folder; a shard killed midway and finished with the
/// command merge prints; and merge's refusals.
@Suite("sharded runs", .serialized)
struct ShardTests {
    /// A folder of `count` small clips (copies of the two robustness clips) and one corrupt one, `bad.mp4`.
    private func clipFolder(_ count: Int) throws -> (root: URL, clips: URL) {
        let root = try CommandRunner.temporaryFolder()
        let clips = root.appendingPathComponent("clips")
        try FileManager.default.createDirectory(at: clips, withIntermediateDirectories: true)
        for index in 0..<count {
            let source = CommandRunner.fixture(index.isMultiple(of: 2) ? "robustness/small.mkv" : "robustness/small.mp4")
            try FileManager.default.copyItem(
                atPath: source, toPath: clips.appendingPathComponent(String(format: "clip%02d.%@", index, index.isMultiple(of: 2) ? "mkv" : "mp4")).path)
        }
        let whole = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture("robustness/small.mp4")))
        try whole.prefix(400).write(to: clips.appendingPathComponent("bad.mp4"))
        return (root, clips)
    }

    /// Runs `vidclass` once per shard, all at once, as separate processes; returns their exit codes.
    private func runShards(_ arguments: [String], count: Int, in folder: URL) throws -> [Int32] {
        let processes = try (0..<count).map { index in
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = arguments + ["--shard", "\(index)/\(count)"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        return processes.map { $0.waitUntilExit(); return $0.terminationStatus }
    }

    private func run(_ arguments: [String], in folder: URL) throws -> CommandRunner.Outcome {
        try CommandRunner.run(arguments, shell: #"cd "$1" && shift && exec "$0" "$@""#, executable: CommandRunner.executable)
    }

    @Test("4 classify shards merged equal one run, byte for byte; the corrupt clip is an error record")
    func classifyShardsMerge() throws {
        let (root, _) = try clipFolder(8)
        defer { try? FileManager.default.removeItem(at: root) }
        let common = ["clips/", "--frames", "2", "--threads", "1"]
        #expect(try run([root.path] + common + ["--output", "single.jsonl"], in: root).status == 69)
        #expect(try runShards(common + ["--output", "sharded.jsonl"], count: 4, in: root) == [0, 0, 0, 0])
        let merged = try run([root.path, "merge", "sharded.jsonl"], in: root)
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(merged.text == "sharded.jsonl: 9 records from 4 shards (1 of them errors)\n")
        let single = try String(contentsOf: root.appendingPathComponent("single.jsonl"), encoding: .utf8)
        let sharded = try String(contentsOf: root.appendingPathComponent("sharded.jsonl"), encoding: .utf8)
        #expect(sharded == single)
        let bad = try #require(sharded.split(separator: "\n").first { $0.contains("\"input\":\"clips/bad.mp4\"") })
        #expect(bad.contains("\"error\":{"))
        let again = try run([root.path, "merge", "sharded.jsonl"], in: root)
        #expect(again.status == 73, "merge does not replace OUT unless asked")
    }

    @Test("features shards merged give the same .npy and .safetensors bytes as one run, and list rows' inputs", arguments: ["npy", "safetensors"])
    func featuresShardsMerge(format: String) throws {
        let (root, _) = try clipFolder(6)
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("clips").path).sorted().reversed().map { "clips/" + $0 }
        let common = inputs + ["--frames", "2", "--no-cache"]
        #expect(try run([root.path, "features"] + common + ["--out", "single.\(format)"], in: root).status == 69)
        #expect(try runShards(["features"] + common + ["--out", "sharded.\(format)"], count: 3, in: root) == [0, 0, 0])
        let merged = try run([root.path, "merge", "sharded.\(format)"], in: root)
        #expect(merged.status == 0, "\(merged.standardError)")
        let single = try Data(contentsOf: root.appendingPathComponent("single.\(format)"))
        #expect(try Data(contentsOf: root.appendingPathComponent("sharded.\(format)")) == single)
        guard format == "npy" else { return }  // a .safetensors carries its sidecar inside: equal bytes, equal sidecar
        let sidecar = try Data(contentsOf: root.appendingPathComponent("sharded.npy.json"))
        #expect(sidecar == (try Data(contentsOf: root.appendingPathComponent("single.npy.json"))))
        let list = try #require(try JSONSerialization.jsonObject(with: sidecar) as? [String: Any])
        #expect(list["rows"] as? [String] == inputs.filter { $0 != "clips/bad.mp4" })
        #expect((list["left_out"] as? [[String: String]])?.map { $0["input"] } == ["clips/bad.mp4"])
    }

    @Test("a shard killed midway is unfinished for merge, which prints the command that finishes it; then merge equals one run")
    func killedShardResumes() throws {
        let (root, _) = try clipFolder(13)
        defer { try? FileManager.default.removeItem(at: root) }
        let common = ["clips/", "--frames", "4", "--threads", "1"]
        #expect(try run([root.path] + common + ["--output", "single.jsonl"], in: root).status == 69)
        #expect(try runShards(common + ["--output", "r.jsonl"], count: 2, in: root) == [0, 0])
        let shard = root.appendingPathComponent("r.shard-1-of-2.jsonl")
        try FileManager.default.removeItem(at: shard)
        try FileManager.default.removeItem(at: root.appendingPathComponent("r.shard-1-of-2.jsonl.done"))
        let interrupted = try CommandRunner.killWhen(
            shard, hasLines: 3, running: common + ["--output", "r.jsonl", "--shard", "1/2"], in: root)
        #expect(interrupted, "the shard was still running when killed")

        let refused = try run([root.path, "merge", "r.jsonl"], in: root)
        #expect(refused.status == 66)
        #expect(refused.standardError.contains("Shard 1 of 2 (r.shard-1-of-2.jsonl) has not finished; run it with: "), "\(refused.standardError)")
        let command = try #require(refused.standardError.components(separatedBy: "run it with: ").last?.components(separatedBy: " — ").first)
        #expect(command.hasSuffix("clips/ --frames 4 --threads 1 --output r.jsonl --shard 1/2 --resume"))
        let finished = try CommandRunner.run([], shell: "cd \(root.path) && \(command)")
        #expect(finished.status == 0, "\(finished.standardError)")
        #expect(try run([root.path, "merge", "r.jsonl"], in: root).status == 0)
        #expect(
            try String(contentsOf: root.appendingPathComponent("r.jsonl"), encoding: .utf8)
                == String(contentsOf: root.appendingPathComponent("single.jsonl"), encoding: .utf8))
    }

    @Test("merge refuses a missing shard, a shard of another input list or of another model, in one sentence each")
    func refusals() throws {
        let (root, _) = try clipFolder(5)
        defer { try? FileManager.default.removeItem(at: root) }
        let common = ["clips/", "--frames", "2", "--threads", "1", "--output", "r.jsonl"]
        #expect(try runShards(common, count: 3, in: root) == [0, 0, 0])

        let none = try run([root.path, "merge", "other.jsonl"], in: root)
        #expect(none.status == 66)
        #expect(none.standardError.hasPrefix("vidclass: No shards of other.jsonl were found"))

        for suffix in ["jsonl", "jsonl.done"] {
            try FileManager.default.moveItem(
                at: root.appendingPathComponent("r.shard-2-of-3.\(suffix)"), to: root.appendingPathComponent("kept.\(suffix)"))
        }
        let missing = try run([root.path, "merge", "r.jsonl"], in: root)
        #expect(missing.status == 66)
        #expect(missing.standardError.split(separator: "\n").count == 1)
        #expect(missing.standardError.contains("Shard 2 of 3 (r.shard-2-of-3.jsonl) is missing; run it with: "))
        #expect(missing.standardError.contains("--output r.jsonl --shard 2/3 --resume"))

        let extra = ["clips/", "clips/clip00.mkv"] + common.dropFirst() + ["--shard", "2/3"]
        #expect(try run([root.path] + extra, in: root).status == 0)
        let otherList = try run([root.path, "merge", "r.jsonl"], in: root)
        #expect(otherList.status == 65)
        #expect(otherList.standardError.contains("Shard 2 of 3 (r.shard-2-of-3.jsonl) is from another input list"), "\(otherList.standardError)")
        #expect(otherList.standardError.contains("--shard 2/3 --force"))

        let data = try DatasetFixture.folders()
        let head = root.appendingPathComponent("head.safetensors").path
        let cache = ["--cache", root.appendingPathComponent("cache").path]
        #expect(try CommandRunner.run(["train", data.train.path, "--frames", "2", "--epochs", "1", "--out", head] + cache).status == 0)
        let withModel = common + ["--shard", "2/3", "--model", head, "--force"]
        #expect(try run([root.path] + withModel, in: root).status == 0)
        let otherModel = try run([root.path, "merge", "r.jsonl"], in: root)
        #expect(otherModel.status == 65)
        #expect(otherModel.standardError.contains("Shard 2 of 3 (r.shard-2-of-3.jsonl) was made with another model (head.safetensors"), "\(otherModel.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("r.jsonl").path))

        let auto = try CommandRunner.run(["clips/", "--output", "x.jsonl", "--shard", "auto"], shell: #"env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX "$0" "$@""#)
        #expect(auto.status == 64)
        #expect(auto.standardError.contains("--shard auto found neither a Slurm array task"))
    }
}
