import VideoDecoding

/// One fuzz iteration: the whole byte-source decode path a classification takes, on arbitrary bytes.
///
/// The first byte chooses the mode, the rest is the file: an even byte opens the data as a seekable
/// in-memory file (probe, demux-only index scan, exact access to two uniformly spread frames), an odd one as
/// a non-seekable pipe (probe, sequential decode of at most eight frames) — streamed past a 0-byte pipe buffer
/// when its second bit is clear, else held in memory as a real pipe would be. Every frame reached is converted
/// into a 32×32 model tensor and, for the first, an RGB picture, so swscale runs on whatever the decoder
/// produced. Thrown errors are the expected outcome for most inputs; only crashes, sanitizer reports,
/// leaks and hangs are findings.
///
/// Cost: bounded by libFuzzer's `-max_len` and `-timeout`; frames are capped at eight per input.
enum DecodeFuzzer {
    static let spec = PreprocessSpec(resizeShortSide: 36, cropSize: 32, mean: [0, 0, 0], std: [1, 1, 1])

    static func run(_ bytes: [UInt8]) {
        guard let mode = bytes.first else { return }
        let file = Array(bytes.dropFirst())
        let options = DecoderOptions(threadCount: 1)
        do {
            if mode & 1 == 0 {
                let reader = try VideoReader(.bytes(file), options: options)
                let index = try reader.scanIndex()
                let targets = index.count == 0 ? [] : [index.count / 4, (3 * index.count) / 4]
                try reader.readFrames(at: targets, mode: mode & 2 == 0 ? .exact : .keyframe, convert)
            } else {
                var pipeOptions = options
                pipeOptions.pipeBufferLimit = mode & 2 == 0 ? 0 : DecoderOptions.defaultPipeBufferLimit
                let reader = try VideoReader(.source(ByteArraySource(file, isSeekable: false)), options: pipeOptions)
                var seen = 0
                try reader.forEachFrame { frame in
                    try convert(frame)
                    seen += 1
                    return seen < 8
                }
            }
        } catch {
            return
        }
    }

    private static func convert(_ frame: DecodedFrame) throws {
        var tensor = [Float](repeating: 0, count: spec.valuesPerFrame)
        try frame.writeTensor(into: &tensor, at: 0, spec: spec)
        if frame.requestedIndex == 0 { _ = try frame.rgbImage() }
    }
}

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    DecodeFuzzer.run(Array(UnsafeBufferPointer(start: data, count: count)))
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
@_cdecl("DecodeFuzzer_main")
public func decodeFuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
