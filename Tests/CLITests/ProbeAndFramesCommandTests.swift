import Foundation
import Testing

@Suite("probe and frames commands")
struct ProbeAndFramesCommandTests {
    let pancake = CommandRunner.sampleClip("flipping_a_pancake.mkv")

    @Test func probeCountsFramesExactly() throws {
        let outcome = try CommandRunner.run(["probe", pancake, "--count"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        #expect(object["frameCount"] as? Int == 310)
        let info = try #require(object["info"] as? [String: Any])
        #expect(info["codec"] as? String == "h264")
        #expect(info["width"] as? Int == 426 && info["height"] as? Int == 240)
        #expect((object["timestamps"] as? [Double])?.count == 310)
    }

    @Test func probeOfSeveralInputsIsAnArrayWithErrorsInPlace() throws {
        let outcome = try CommandRunner.run(["probe", pancake, "/no/such/file.mkv"])
        #expect(outcome.status == 69)
        let array = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [[String: Any]])
        #expect(array.count == 2)
        #expect((array[1]["error"] as? [String: Any])?["code"] as? String == "missing-input")
    }

    @Test func framesWritesOnePNGPerSampledFrame() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["frames", pancake, "--frames", "4", "--out", folder.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        // floor((i + 0.5) · 310 / 4) for i = 0…3
        #expect(names == ["frame_000038.png", "frame_000116.png", "frame_000193.png", "frame_000271.png"])
        let again = try CommandRunner.run(["frames", pancake, "--frames", "4", "--out", folder.path])
        #expect(again.status == 73)
    }

    @Test func framesRawOutputIsRGB24OfTheRequestedSize() throws {
        let outcome = try CommandRunner.run(["frames", pancake, "--indices", "0,10,25", "--size", "112", "--out", "-"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.count == 3 * 112 * 112 * 3)
        let native = try CommandRunner.run(["frames", pancake, "--indices", "5", "--out", "-"])
        #expect(native.standardOutput.count == 426 * 240 * 3)
    }

    @Test func framesFromAPipeMatchFramesFromThePath() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pancake))
        let fromPath = try CommandRunner.run(["frames", pancake, "--indices", "3,40", "--out", "-"])
        let fromPipe = try CommandRunner.run(["frames", "-", "--indices", "3,40", "--out", "-"], input: bytes)
        #expect(fromPipe.status == 0, "\(fromPipe.standardError)")
        #expect(fromPipe.standardOutput == fromPath.standardOutput)
    }
}

@Suite("convert command")
struct ConvertCommandTests {
    @Test func refusesWeightsOfAnotherArchitecture() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = CommandRunner.packageRoot.appendingPathComponent("Models/efficientnet-lite0-imagenet.safetensors").path
        let outcome = try CommandRunner.run(["convert", model, "--arch", "resnet18", "--out", folder.appendingPathComponent("x.safetensors").path])
        #expect(outcome.status == 65, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("resnet18"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func missingWeightsFile() throws {
        let outcome = try CommandRunner.run(["convert", "/no/such.pth", "--arch", "resnet18", "--out", "/tmp/never-written.safetensors"])
        #expect(outcome.status == 66)
    }

    /// The real conversion of the default model's source, when that file is on this machine (developers' machines).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/tmp/wheel/efficientnet-lite0-57934424.pth")))
    func convertsTheLegacyCheckpointIntoALoadableBundle() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("lite0.safetensors").path
        let outcome = try CommandRunner.run(["convert", "/tmp/wheel/efficientnet-lite0-57934424.pth", "--arch", "efficientnet-lite0", "--out", out, "--fp16"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let classify = try CommandRunner.run([CommandRunner.sampleClip("flipping_a_pancake.mkv"), "--model", out, "--top", "1"])
        #expect(classify.text.contains("potter's wheel"))
    }
}

@Suite("frames by time")
struct FramesByTimeCommandTests {
    let bikes = CommandRunner.sampleClip("bikes.mp4")

    /// bikes.mp4 is 25 fps from 0 s: 1.0 s is frame 25, 2.2 s frame 55; every 4 s: 0, 100, 200.
    @Test func timesAndIntervalsPickTheFramesShownThen() throws {
        let times = try CommandRunner.run(["frames", bikes, "--times", "1.0,2.2", "--size", "16", "--out", "-"])
        #expect(times.status == 0, "\(times.standardError)")
        #expect(times.standardError.contains("frame 25 at") && times.standardError.contains("frame 55 at"))
        let every = try CommandRunner.run(["frames", bikes, "--every", "4", "--size", "16", "--out", "-"])
        let picked = every.standardError.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
        #expect(picked == [0, 100, 200])
    }

    @Test func aTimePastTheEndIsAUsageError() throws {
        let outcome = try CommandRunner.run(["frames", bikes, "--times", "99", "--out", "-"])
        #expect(outcome.status == 64, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("past the end"))
    }
}
