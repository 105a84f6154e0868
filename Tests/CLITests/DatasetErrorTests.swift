import Foundation
import Testing

/// Datasets that cannot train: each gives one clear sentence and a sysexits code, or a skip list; no existing
/// file is ever overwritten.
@Suite("bad datasets")
struct DatasetErrorTests {
    let folder: URL

    init() throws {
        folder = try CommandRunner.temporaryFolder()
    }

    private func train(_ dataset: String, out: String? = nil, extra: [String] = []) throws -> CommandRunner.Outcome {
        try CommandRunner.run(
            ["train", dataset, "--out", out ?? folder.appendingPathComponent("head.safetensors").path, "--frames", "2",
             "--cache", folder.appendingPathComponent("cache").path] + extra)
    }

    private func makeFolder(_ path: String) throws -> URL {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func anEmptyFolderIsBadData() throws {
        let empty = try makeFolder("empty")
        let outcome = try train(empty.path)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("holds no usable clips"), "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("head.safetensors").path))
    }

    @Test func aMissingDatasetIsMissingInput() throws {
        let outcome = try train(folder.appendingPathComponent("nowhere").path)
        #expect(outcome.status == 66)
        #expect(outcome.standardError.contains("does not exist"))
    }

    @Test func oneClassCannotTrain() throws {
        let data = try DatasetFixture.folders()
        let single = try makeFolder("single/bikes")
        let clip = try DatasetFixture.clips(in: data.train)[0]
        try FileManager.default.copyItem(at: clip, to: single.appendingPathComponent("a.mp4"))
        let refused = try train(single.deletingLastPathComponent().path)
        #expect(refused.status == 65)
        #expect(refused.standardError.contains("at least two labels"), "\(refused.standardError)")
    }

    @Test func aLabelWithNoReadableClipIsNamedAndItsClipsListed() throws {
        let data = try DatasetFixture.folders()
        let dataset = try makeFolder("unreadable")
        try FileManager.default.copyItem(at: data.train.appendingPathComponent("bikes"), to: dataset.appendingPathComponent("bikes"))
        let broken = try makeFolder("unreadable/ghosts")
        try Data("not a video".utf8).write(to: broken.appendingPathComponent("ghost.mp4"))
        let outcome = try train(dataset.path, extra: ["--val-split", "0"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("'ghosts'"), "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("head.safetensors").path))
    }

    @Test func aCSVWithMissingFilesAndBadRowsTrainsOnTheRestAndListsThem() throws {
        let data = try DatasetFixture.folders()
        let clips = try DatasetFixture.clips(in: data.train)
        var rows = ["path,label"]
        rows += clips.map { "\($0.path),\($0.deletingLastPathComponent().lastPathComponent)" }
        rows += ["missing/clip.mp4,bikes", "only-one-field", "a,b,c", "", "# a comment"]
        let csv = folder.appendingPathComponent("set.csv")
        try rows.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let outcome = try train(csv.path)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.text.contains("3 skipped"), "\(outcome.text)")
        #expect(outcome.standardError.contains("missing/clip.mp4: The file does not exist (listed on line \(clips.count + 2))."))
        #expect(outcome.standardError.contains("set.csv:\(clips.count + 3): Expected two non-empty fields"))
        #expect(outcome.standardError.contains("set.csv:\(clips.count + 4): Expected two non-empty fields path,label but found 3"))
    }

    @Test func anExistingOutputIsKeptWithoutForce() throws {
        let data = try DatasetFixture.folders()
        let out = folder.appendingPathComponent("precious.safetensors")
        try Data("keep me".utf8).write(to: out)
        let outcome = try train(data.train.path, out: out.path)
        #expect(outcome.status == 73)
        #expect(outcome.standardError.contains("already exists; pass --force"))
        #expect(try Data(contentsOf: out) == Data("keep me".utf8))
    }
}
