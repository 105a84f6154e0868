import Foundation
import Testing
import VidClass
import VideoDecoding

/// Hostile input never crashes, hangs or confuses vidclass: every file of a generated corpus gets one record
/// with a result or a defined error, pipes that close early and over-limit videos fail cleanly, and every
/// input the fuzzer ever tripped on (`Fuzz/Regression`) is replayed.
@Suite("robustness")
struct RobustnessTests {
    /// Error codes a record may carry for bad input; `internal` would be a bug.
    private static let definedCodes: Set<String> = ["bad-data", "missing-input", "io"]

    @Test("a batch over 200+ damaged files completes with one record each, results or defined errors, within bounds")
    func corpusBatch() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try RobustnessCorpus.write(to: folder)
        #expect(files.count >= 200)
        let started = ContinuousClock.now
        let outcome = try CommandRunner.run(
            [folder.path, "--frames", "1", "--format", "jsonl", "--threads", "2", "--timeout", "20"], timeout: 300)
        let elapsed = ContinuousClock.now - started
        #expect(outcome.status == 69, "some corpus files are bound to fail: \(outcome.standardError.prefix(500))")
        #expect(elapsed < .seconds(300))
        let records = try outcome.text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let expectedInputs = files.map(\.path).sorted()
        #expect(records.compactMap { $0["input"] as? String } == expectedInputs)
        var failures = 0
        for record in records {
            guard let error = record["error"] as? [String: Any] else {
                #expect(record["predictions"] is [Any], "\(record)")
                continue
            }
            failures += 1
            let code = try #require(error["code"] as? String)
            let message = try #require(error["message"] as? String)
            #expect(Self.definedCodes.contains(code), "\(record["input"] ?? ""): \(code) \(message)")
            #expect(!message.isEmpty && !message.contains("\n") && message.hasSuffix("."), "\(message)")
        }
        #expect(failures > 0 && failures < records.count, "the corpus mixes damaged-but-decodable and hopeless files")
        let stderrLines = outcome.standardError.split(separator: "\n")
        #expect(stderrLines.count == failures, "one line per failed input")
        #expect(stderrLines.allSatisfy { $0.hasPrefix("vidclass: ") })
        #expect(!outcome.standardError.contains("\r"), "no progress bar when standard error is not a terminal")
    }

    @Test("a pipe that closes early ends with 0 or 65 and at most one message", arguments: [1, 3, 6, 9])
    func pipeClosingEarly(tenths: Int) throws {
        let clip = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.fixture("robustness/small.mkv")))
        let outcome = try CommandRunner.run(
            ["-", "--frames", "2"], input: clip.prefix(clip.count * tenths / 10), timeout: 60)
        #expect([0, 65].contains(outcome.status), "\(outcome.status): \(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count <= (outcome.status == 0 ? 0 : 1))
    }

    @Test("frames over --max-pixels fail with a sentence naming the limit")
    func frameSizeLimit() throws {
        let outcome = try CommandRunner.run([CommandRunner.fixture("robustness/small.mkv"), "--max-pixels", "14399"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("160x90 frame exceeds the limit of 14399 pixels"))
        let atLimit = try CommandRunner.run([
            CommandRunner.fixture("robustness/small.mkv"), "--max-pixels", "14400", "--frames", "1",
        ])
        #expect(atLimit.status == 0, "\(atLimit.standardError)")
    }

    @Test("an input past its --timeout fails with a time-budget error and the batch goes on")
    func timeoutPerInput() throws {
        let clip = CommandRunner.fixture("robustness/small.mkv")
        let outcome = try CommandRunner.run([clip, clip, "--timeout", "0.000001", "--format", "jsonl", "--frames", "1"])
        #expect(outcome.status == 69)
        let lines = outcome.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("time budget") && $0.contains("\"code\":\"bad-data\"") })
        #expect(try CommandRunner.run([clip, "--timeout", "30", "--frames", "1"]).status == 0)
    }

    @Test("the fuzzer's regression corpus replays through the classifier without a crash or an internal error")
    func fuzzRegressionCorpus() throws {
        let folder = CommandRunner.packageRoot.appendingPathComponent("Fuzz/Regression")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!names.isEmpty)
        let classifier = try VideoClassifier()
        for name in names {
            // The harness's convention: the first byte's low bit picks pipe (1) or seekable bytes (0).
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let file = Array(bytes.dropFirst())
            let input: VideoInput =
                bytes.first.map { $0 & 1 == 1 } == true
                ? .source(ByteArraySource(file, isSeekable: false)) : .bytes(file)
            do {
                _ = try classifier.classify(input, options: ClassifyOptions(sampling: .uniform(frames: 2)))
            } catch {
                #expect(error.category != .internal, "\(name): \(error.message)")
            }
        }
    }
}
