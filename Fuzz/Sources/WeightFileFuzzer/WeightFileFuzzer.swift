import Foundation
import VidClass
import WeightFiles

/// One fuzz iteration over the weight-file readers and the model-bundle metadata parser, on arbitrary bytes.
///
/// The first byte chooses the target, the rest is the input: 0 mod 3 reads it as a weights file (the format
/// sniffing, then safetensors, PyTorch zip or legacy, or a numpy pickle) and decodes every tensor in full;
/// 1 reads it as a `.npy` array; 2 splits it at zero bytes into metadata keys and values and parses them as a
/// model bundle's metadata. The readers take paths, so the input is written to a per-process file in
/// `/dev/shm` first. Thrown errors are the expected outcome; crashes, sanitizer reports, leaks, hangs and
/// out-of-memory are findings.
enum WeightFileFuzzer {
    static let scratch = "/dev/shm/vidclass-weightfuzz-\(ProcessInfo.processInfo.processIdentifier)"

    static func run(_ bytes: [UInt8]) {
        guard let mode = bytes.first else { return }
        let input = Array(bytes.dropFirst())
        switch mode % 3 {
        case 0:
            guard write(input), let archive = try? WeightFile.read(contentsOf: scratch) else { return }
            for tensor in archive.tensors.values { _ = tensor.floats() }
        case 1:
            guard write(input) else { return }
            _ = try? NumpyReader.read(contentsOf: scratch)
        default:
            let fields = input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            var strings: [String: String] = [:]
            for pair in stride(from: 0, to: fields.count - 1, by: 2) { strings[fields[pair]] = fields[pair + 1] }
            if let metadata = try? BundleMetadata(strings: strings, path: "fuzz.safetensors") {
                _ = MemoryBudget.plannedBytes(frames: metadata.frames, preprocess: metadata.preprocess, isClip: true)
            }
        }
    }

    private static func write(_ bytes: [UInt8]) -> Bool {
        FileManager.default.createFile(atPath: scratch, contents: Data(bytes))
    }
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    WeightFileFuzzer.run(Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}

/// libFuzzer's driver, for when SwiftPM points the executable's `main` at the target's own entry symbol
/// (debug builds rename `main` to `<Target>_main`); it parses the usual libFuzzer flags.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry point under SwiftPM's debug renaming: hands control to libFuzzer.
@_cdecl("WeightFileFuzzer_main")
public func weightFileFuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
