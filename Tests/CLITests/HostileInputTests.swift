import Foundation
import Testing
import VidClass
import VideoDecoding
import WeightFiles

/// Inputs whose numbers are chosen to blow up allocations, loops or the stack: pictures of extreme aspect
/// ratio, models with forged metadata or nesting, absurd options. Each ends in a correct result or one clear
/// sentence with the right exit code, never a crash.
@Suite("hostile input")
struct HostileInputTests {
    /// A grey picture with a darker band, `width`×`height`, as PNG (470 bytes for 1×100 000: deflate shrinks it).
    static func png(width: Int, height: Int) throws -> Data {
        let pixels = (0..<(width * height)).flatMap { index -> [UInt8] in
            index % max(width, height) < max(width, height) / 2 ? [90, 120, 150] : [200, 180, 160]
        }
        return Data(try RGBImage(width: width, height: height, pixels: pixels).pngData())
    }

    /// A one-frame YUV4MPEG2 file: a text header, `FRAME`, then the Y, U and V planes (4:2:0).
    static func y4m(width: Int, height: Int) -> Data {
        let chroma = ((width + 1) / 2) * ((height + 1) / 2)
        var bytes = Array("YUV4MPEG2 W\(width) H\(height) F25:1 Ip A1:1 C420jpeg\nFRAME\n".utf8)
        bytes += (0..<(width * height)).map { UInt8(truncatingIfNeeded: 16 + $0 % 200) }
        bytes += [UInt8](repeating: 100, count: chroma) + [UInt8](repeating: 150, count: chroma)
        return Data(bytes)
    }

    @Test("a 1×100000 PNG and a 2×60000 Y4M classify without allocating for the whole resized picture")
    func extremeAspectRatios() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tall = folder.appendingPathComponent("tall.png")
        try Self.png(width: 1, height: 100_000).write(to: tall)
        let wide = folder.appendingPathComponent("wide.png")
        try Self.png(width: 100_000, height: 1).write(to: wide)
        let y4m = folder.appendingPathComponent("tall.y4m")
        try Self.y4m(width: 2, height: 60_000).write(to: y4m)
        for file in [tall, wide, y4m] {
            // 2 GB is far below the 19.7 GB (PNG) or 5.9 GB (Y4M) the uncut resize would need.
            let outcome = try CommandRunner.run([file.path, "--frames", "1", "--format", "json", "--max-memory", "2G"], timeout: 120)
            #expect(outcome.status == 0, "\(file.lastPathComponent): \(outcome.standardError)")
            #expect(outcome.text.contains("\"predictions\""), "\(file.lastPathComponent)")
        }
        // The contact sheet squeezes the 1:100 000 thumbnail instead of drawing a 240×24 000 000 canvas.
        let sheet = folder.appendingPathComponent("sheet.png")
        let outcome = try CommandRunner.run([tall.path, "--frames", "1", "--contact-sheet", sheet.path], timeout: 120)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let picture = try RGBImage(contentsOf: sheet.path)
        #expect(picture.height < 2000 && picture.width < 1000, "\(picture.width)×\(picture.height)")
    }

    @Test("the tensor of an extreme picture is centred where the uncut resize would put it")
    func extremePictureTensorIsCentred() throws {
        // 4×3000 resizes to 256×192 000, past the 8192 limit, so the frame is cut before it is resized; a vertical
        // gradient makes any misplacement of the cut or the crop visible.
        let width = 4, height = 3000
        let pixels = (0..<(width * height)).flatMap { index -> [UInt8] in
            let row = index / width
            return [UInt8(row % 256), UInt8((row / 256) * 20), 128]
        }
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("gradient.png")
        try Data(RGBImage(width: width, height: height, pixels: pixels).pngData()).write(to: file)
        let reader = try VideoReader(.path(file.path))
        var tensor = [Float](repeating: 0, count: PreprocessSpec().valuesPerFrame)
        try reader.forEachFrame { frame in
            try frame.writeTensor(into: &tensor, at: 0, spec: PreprocessSpec())
            return false
        }
        // The crop's centre row is the picture's centre row, 1500: red 1500 % 256 = 220, green 5 × 20 = 100.
        let centre = (112 * 224 + 112) * 3
        let red = tensor[centre] * 128 + 127, green = tensor[centre + 1] * 128 + 127
        #expect(abs(red - 220) <= 2, "red \(red)")
        #expect(abs(green - 100) <= 2, "green \(green)")
    }

    @Test("--frames 10000 beyond --max-memory fails up front with 64 and one sentence")
    func memoryBudget() throws {
        let clip = CommandRunner.fixture("robustness/small.mkv")
        let outcome = try CommandRunner.run([clip, "--frames", "10000", "--max-memory", "1G"])
        #expect(outcome.status == 64, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("raise --max-memory"), "\(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        let bad = try CommandRunner.run([clip, "--max-memory", "lots"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--max-memory 'lots'"))
        #expect(try CommandRunner.run([clip, "--frames", "2", "--max-memory", "1G"]).status == 0)
    }

    @Test("train and eval check --max-memory once, up front, with 64 and one sentence, instead of skipping every clip")
    func memoryBudgetOfDatasetJobs() throws {
        let data = try DatasetFixture.folders()
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = folder.appendingPathComponent("head.safetensors").path
        let train = try CommandRunner.run(["train", data.train.path, "--frames", "1000", "--max-memory", "100M", "--out", head])
        #expect(train.status == 64, "\(train.standardError)")
        #expect(train.standardError.hasSuffix("use fewer frames or raise --max-memory.\n"), "\(train.standardError)")
        #expect(!FileManager.default.fileExists(atPath: head))
        let cache = ["--cache", folder.appendingPathComponent("cache").path]
        #expect(try CommandRunner.run(["train", data.train.path, "--frames", "2", "--epochs", "1", "--out", head] + cache).status == 0)
        let eval = try CommandRunner.run(["eval", data.val.path, "--model", head, "--max-memory", "1K"] + cache)
        #expect(eval.status == 64, "\(eval.standardError)")
        #expect(eval.standardError.split(separator: "\n").count == 1, "\(eval.standardError)")
        #expect(eval.standardError.contains("raise --max-memory"))
    }

    @Test("extreme timeline windows and hops are refused with 64", arguments: [["--window", "1e-20"], ["--hop", "1e-6"], ["--window", "0.0001s"], ["--hop", "inf"]])
    func extremeTimelineOptions(_ options: [String]) throws {
        let outcome = try CommandRunner.run(["timeline", CommandRunner.fixture("robustness/small.mkv")] + options)
        #expect(outcome.status == 64, "\(options): \(outcome.standardError)")
        #expect(!outcome.standardError.isEmpty)
    }

    @Test("a model whose metadata asks for absurd sizes is refused with 65", arguments: [
        #"{"cropSize":4611686018427387904,"mean":[127,127,127],"resizeShortSide":4611686018427387904,"std":[128,128,128]}"#,
        #"{"cropSize":224,"mean":[127,127,127],"resizeShortSide":1000000,"std":[128,128,128]}"#,
        #"{"cropSize":0,"mean":[127,127,127],"resizeShortSide":256,"std":[128,128,128]}"#,
        #"{"cropSize":224,"mean":[127,127,127],"resizeShortSide":256,"std":[0,128,128]}"#,
    ])
    func hostileBundleMetadata(_ preprocess: String) throws {
        try withForgedBundle({ $0["preprocess"] = preprocess }) { bundle in
            let outcome = try CommandRunner.run([CommandRunner.fixture("robustness/small.mkv"), "--model", bundle, "--frames", "1"])
            #expect(outcome.status == 65, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("preprocessing metadata"), "\(outcome.standardError)")
        }
    }

    @Test("a model whose metadata asks for absurd clip lengths is refused with 65", arguments: ["0", "-5", "100000000000", "many"])
    func hostileBundleFrames(_ frames: String) throws {
        try withForgedBundle({ $0["frames"] = frames }) { bundle in
            let outcome = try CommandRunner.run([CommandRunner.fixture("robustness/small.mkv"), "--model", bundle, "--frames", "1"])
            #expect(outcome.status == 65, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("frames per clip"), "\(outcome.standardError)")
        }
    }

    @Test("a 60000-deep pickle as --model or to convert is refused with 65")
    func deepPickleModel() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("deep.pkl")
        try Data([0x80, 0x02, 0x29] + [UInt8](repeating: 0x85, count: 60_000) + [0x2E]).write(to: file)
        let classify = try CommandRunner.run([CommandRunner.fixture("robustness/small.mkv"), "--model", file.path])
        #expect(classify.status == 65, "\(classify.standardError)")
        #expect(classify.standardError.contains("nested more than 1000 deep"))
        let convert = try CommandRunner.run(["convert", file.path, "--arch", "efficientnet-lite0", "--out", folder.appendingPathComponent("out.safetensors").path])
        #expect(convert.status == 65, "\(convert.standardError)")
        #expect(convert.standardError.contains("nested more than 1000 deep"))
    }

    /// Writes the default model with its metadata changed by `edit` and runs `body` with its path.
    private func withForgedBundle(_ edit: (inout [String: String]) -> Void, _ body: (String) throws -> Void) throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = try WeightFile.read(contentsOf: try ModelBundle.defaultPath())
        var metadata = archive.metadata
        edit(&metadata)
        let path = folder.appendingPathComponent("forged.safetensors").path
        let tensors = archive.tensors.map { NamedTensor(name: $0.key, shape: $0.value.shape, values: $0.value.floats()) }
        try SafeTensorsWriter.write(tensors, metadata: metadata, storage: .float32, to: path, overwrite: true)
        try body(path)
    }
}
