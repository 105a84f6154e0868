import ArgumentParser
import VidClass

/// `--pipe-buffer SIZE`, shared by the commands that read standard input: how much of a pipe is held in memory so
/// that it is read exactly like the same file (``VidClass/DecoderOptions/pipeBufferLimit``).
struct PipeBufferOption: ParsableArguments {
    @Option(
        name: .long,
        help: "Most bytes of standard input held in memory, e.g. 500M or 2G (default: 1G); a longer stream is read once, front to back, and sampled approximately.",
        transform: Self.byteCount)
    var pipeBuffer: Int = DecoderOptions.defaultPipeBufferLimit

    /// Parses `1000`, `64K`, `500M`, `2G` (binary multiples; `KiB`, `MB`, … and lower case accepted) into bytes.
    static func byteCount(_ text: String) throws -> Int {
        let units: [(suffix: String, shift: Int)] = [("k", 10), ("m", 20), ("g", 30), ("t", 40), ("", 0)]
        var body = Substring(text.lowercased())
        for unitSuffix in ["ib", "b"] where body.hasSuffix(unitSuffix) && body.count > unitSuffix.count {
            body = body.dropLast(unitSuffix.count)
            break
        }
        for unit in units where body.hasSuffix(unit.suffix) {
            if let value = Int(body.dropLast(unit.suffix.count)), value >= 0, value <= Int.max >> unit.shift {
                return value << unit.shift
            }
            break
        }
        throw ValidationError("--pipe-buffer (\(text)) must be a size in bytes, optionally with K, M or G, e.g. 500M or 2G.")
    }
}
