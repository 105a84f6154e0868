import Foundation
import Testing

/// `vidclass models` lists what is installed in the model search path, and a mistyped `--model` name gets the
/// closest known names.
@Suite("vidclass models and model names")
struct ModelsCommandTests {
    /// A temporary models folder holding a copy of the default bundle and a file that is no bundle.
    struct ModelsFolder {
        let folder: URL
        let bundle: URL
        let broken: URL

        init() throws {
            folder = try CommandRunner.temporaryFolder()
            bundle = folder.appendingPathComponent("efficientnet-lite0-imagenet.safetensors")
            try FileManager.default.copyItem(
                at: CommandRunner.packageRoot.appendingPathComponent("Models/efficientnet-lite0-imagenet.safetensors"), to: bundle)
            broken = folder.appendingPathComponent("broken.safetensors")
            try Data("not a model at all".utf8).write(to: broken)
        }

        /// Runs `vidclass arguments…` with `VIDCLASS_MODELS` set to `models`.
        func run(_ arguments: [String], models: String? = nil) throws -> CommandRunner.Outcome {
            try CommandRunner.run(
                [models ?? folder.path] + arguments, shell: #"VIDCLASS_MODELS="$1" exec "$0" "${@:2}""#)
        }

        /// The SHA-256 of `file` as `sha256sum` prints it.
        func sha256sum(_ file: URL) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [file.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return String(text.prefix(64))
        }
    }

    @Test func listsBundlesBrokenFilesAndTheFoldersSearched() throws {
        let models = try ModelsFolder()
        defer { try? FileManager.default.removeItem(at: models.folder) }
        let outcome = try models.run(["models"], models: models.folder.path + ":/no/such/folder")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let text = outcome.text
        let digest = try models.sha256sum(models.bundle)
        let imagenet = try #require(text.range(of: "imagenet\n  file      \(models.bundle.path)\n"), "\(text)")
        let entry = String(text[imagenet.lowerBound...]).components(separatedBy: "\n\n")[0]
        #expect(entry.contains("  size      9."))
        #expect(entry.contains("  sha256    \(digest)"))
        #expect(entry.contains("  backbone  efficientnet-lite0"))
        #expect(entry.contains("  frames    16, uniform sampling, mean pooling"))
        #expect(entry.contains("  labels    1000: tench, goldfish, great white shark, tiger shark, hammerhead, …"))
        let broken = try #require(text.range(of: "broken.safetensors\n  file      \(models.broken.path)\n"), "\(text)")
        #expect(text[broken.upperBound...].hasPrefix("  size      18 bytes\n  error     "))
        #expect(text.contains("Searched, in order (the first file of a name wins):\n  found   \(models.folder.path)  ($VIDCLASS_MODELS)\n  missing /no/such/folder  ($VIDCLASS_MODELS)\n"))
        #expect(text.contains("  unused    --model imagenet means \(models.bundle.path), found earlier"), "the checkout's copy comes later")
    }

    @Test func listsTheSameAsJSON() throws {
        let models = try ModelsFolder()
        defer { try? FileManager.default.removeItem(at: models.folder) }
        let outcome = try models.run(["models", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        let listed = try #require(document["models"] as? [[String: Any]])
        let searchPath = try #require(document["searchPath"] as? [[String: Any]])

        #expect(searchPath.first?["path"] as? String == models.folder.path)
        #expect(searchPath.first?["origin"] as? String == "environment")
        #expect(searchPath.first?["exists"] as? Bool == true)

        let broken = try #require(listed.first { $0["path"] as? String == models.broken.path })
        #expect(broken["name"] as? String == "broken.safetensors")
        #expect((broken["error"] as? [String: Any])?["code"] as? String == "bad-data")
        #expect(broken["labelCount"] == nil)

        let imagenet = try #require(listed.first { $0["path"] as? String == models.bundle.path })
        #expect(imagenet["name"] as? String == "imagenet")
        #expect(imagenet["sha256"] as? String == (try models.sha256sum(models.bundle)))
        #expect(imagenet["bytes"] as? Int == (try FileManager.default.attributesOfItem(atPath: models.bundle.path)[.size] as? Int))
        #expect(imagenet["backbone"] as? String == "efficientnet-lite0")
        #expect(imagenet["headOnly"] as? Bool == false)
        #expect(imagenet["frames"] as? Int == 16)
        #expect(imagenet["labelCount"] as? Int == 1000)
        #expect(imagenet["labels"] as? [String] == ["tench", "goldfish", "great white shark", "tiger shark", "hammerhead"])
        #expect(imagenet["shadowedBy"] == nil)
        #expect(imagenet["error"] == nil)
        let laterCopies = listed.filter { $0["name"] as? String == "imagenet" && $0["path"] as? String != models.bundle.path }
        #expect(laterCopies.allSatisfy { $0["shadowedBy"] as? String == models.bundle.path })
    }

    /// An install as PREFIX/bin/vidclass finds PREFIX/share/vidclass/Models, and searches the source checkout
    /// only last.
    @Test func anInstalledExecutableFindsItsShareFolder() throws {
        let prefix = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let bin = prefix.appendingPathComponent("bin"), share = prefix.appendingPathComponent("share/vidclass/Models")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        let executable = bin.appendingPathComponent("vidclass")
        try FileManager.default.copyItem(at: CommandRunner.executable, to: executable)
        let bundle = share.appendingPathComponent("efficientnet-lite0-imagenet.safetensors")
        try FileManager.default.copyItem(
            at: CommandRunner.packageRoot.appendingPathComponent("Models/efficientnet-lite0-imagenet.safetensors"), to: bundle)

        let outcome = try CommandRunner.run(["models", "--format", "json"], shell: #"unset VIDCLASS_MODELS; exec "$0" "$@""#, executable: executable)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
        let listed = try #require(document["models"] as? [[String: Any]])
        let searchPath = try #require(document["searchPath"] as? [[String: Any]])
        #expect(listed.first?["path"] as? String == bundle.path)
        #expect(listed.first?["name"] as? String == "imagenet")
        #expect(searchPath.first?["path"] as? String == bin.appendingPathComponent("Models").path)
        #expect(searchPath.contains { $0["path"] as? String == share.path && $0["exists"] as? Bool == true })
        #expect(searchPath.last?["origin"] as? String == "checkout")
        #expect(searchPath.last?["path"] as? String == CommandRunner.packageRoot.appendingPathComponent("Models").path)
    }

    @Test(arguments: [("kinetics", "kinetics400"), ("imagnet", "imagenet"), ("Kinetics400", "kinetics400")])
    func mistypedModelNameSuggestsTheClosest(typed: String, suggested: String) throws {
        let outcome = try CommandRunner.run([CommandRunner.sampleClip("flipping_a_pancake.mkv"), "--model", typed])
        #expect(outcome.status == 66)
        #expect(
            outcome.standardError
                == "vidclass: There is no model file or installed model called '\(typed)'; did you mean \(suggested)? ('vidclass models' lists the installed models).\n"
        )
    }

    @Test func installedBundleIsFoundByItsFileName() throws {
        let models = try ModelsFolder()
        defer { try? FileManager.default.removeItem(at: models.folder) }
        let renamed = models.folder.appendingPathComponent("mine.safetensors")
        try FileManager.default.moveItem(at: models.bundle, to: renamed)
        let clip = CommandRunner.sampleClip("flipping_a_pancake.mkv")
        let outcome = try models.run([clip, "--model", "mine.safetensors", "--frames", "2", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let mistyped = try models.run([clip, "--model", "mien.safetensors"])
        #expect(mistyped.status == 66)
        #expect(mistyped.standardError.contains("did you mean mine.safetensors?"), "\(mistyped.standardError)")
    }
}
