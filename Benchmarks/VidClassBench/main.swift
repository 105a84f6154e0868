import Foundation
import ModelCore
import VidClass
import VideoDecoding

/// vidclass-bench: times one workload and prints one line `WORKLOAD value unit`, for Benchmarks/run.
///
///   vidclass-bench d1 CLIP [exact|keyframe] [repeats]   ms per clip: 16 uniform frames → 224² tensor
///   vidclass-bench d2 CLIP [repeats]                    ms per clip: every frame decoded and converted
///   vidclass-bench m1 BATCH THREADS [repeats]           ms per frame: EfficientNet-Lite0 forward
///   vidclass-bench load [repeats]                       ms: loading the default bundle (mmap + BN folding)
///   vidclass-bench i3d THREADS [repeats]                ms per clip: Kinetics-400 I3D forward, 64 × 224² frames
///   vidclass-bench allocs CLIP                          heap allocations per frame in steady state, by stage
///   vidclass-bench scaling CLIP                         ms per frame against T: sampling + decoding, forward
func run(_ arguments: [String]) throws {
    let command = arguments.first ?? ""
    func argument(_ position: Int, default value: String) -> String {
        arguments.count > position ? arguments[position] : value
    }
    switch command {
    case "d1":
        let mode = SeekMode(rawValue: argument(2, default: "exact")) ?? .exact
        let repeats = Int(argument(3, default: "5")) ?? 5
        let ms = try Stopwatch.median(repeats: repeats) { try Workloads.sampleClip(arguments[1], frames: 16, seek: mode) }
        print("d1-\(mode.rawValue) \(String(format: "%.1f", ms)) ms")
    case "d2":
        var frames = 0
        let ms = try Stopwatch.median(repeats: Int(argument(2, default: "3")) ?? 3) { frames = try Workloads.decodeAll(arguments[1]) }
        print("d2 \(String(format: "%.1f", ms)) ms (\(frames) frames)")
    case "m1":
        let batch = Int(argument(1, default: "1")) ?? 1
        let threads = Int(argument(2, default: "2")) ?? 2
        let compute = ComputeContext.process.withThreads(threads)
        let backbone = try ModelBundle(contentsOf: try ModelBundle.defaultPath()).backbone
        let input = Workloads.input(batch: batch)
        let ms = try Stopwatch.median(repeats: Int(argument(3, default: "7")) ?? 7) {
            _ = try backbone.features(input, in: compute)
        }
        print("m1-batch\(batch)-threads\(threads) \(String(format: "%.2f", ms / Double(batch))) ms/frame")
    case "load":
        let path = try ModelBundle.defaultPath()
        let ms = try Stopwatch.median(repeats: Int(argument(1, default: "5")) ?? 5) { _ = try ModelBundle(contentsOf: path) }
        print("load \(String(format: "%.1f", ms)) ms")
    case "i3d":
        let threads = Int(argument(1, default: "2")) ?? 2
        let compute = ComputeContext.process.withThreads(threads)
        let backbone = try ModelBundle(contentsOf: try ModelBundle.path(forModelArgument: "kinetics400")).backbone
        let clip = Workloads.input(batch: 64)
        let ms = try Stopwatch.median(repeats: Int(argument(2, default: "3")) ?? 3) {
            _ = try backbone.features(clip, in: compute)
        }
        let gflops = 2 * Workloads.i3dMultiplyAdds / (ms / 1000) / 1e9
        print("i3d-threads\(threads) \(String(format: "%.0f", ms)) ms/clip (\(String(format: "%.0f", gflops)) GFLOP/s)")
    case "allocs":
        for line in try HeapAllocations.report(clip: arguments[1]) { print(line) }
    case "scaling":
        // Cost against the number of sampled frames T: D1's workload (exact) and a batch-T forward on 2 threads.
        let compute = ComputeContext.process.withThreads(2)
        let backbone = try ModelBundle(contentsOf: try ModelBundle.defaultPath()).backbone
        for frames in [4, 8, 16, 32, 64] {
            let decode = try Stopwatch.median(repeats: 3) { try Workloads.sampleClip(arguments[1], frames: frames, seek: .exact) }
            let input = Workloads.input(batch: frames)
            let forward = try Stopwatch.median(repeats: 3) { _ = try backbone.features(input, in: compute) }
            let perFrame = { (ms: Double) in String(format: "%.1f", ms / Double(frames)) }
            print("scaling-T\(frames) decode \(String(format: "%.0f", decode)) ms (\(perFrame(decode)) per frame), forward \(String(format: "%.0f", forward)) ms (\(perFrame(forward)) per frame)")
        }
    default:
        FileHandle.standardError.write(Data("usage: vidclass-bench d1|d2|m1|load|i3d|allocs|scaling … (see Benchmarks/README.md)\n".utf8))
        exit(64)
    }
}

do {
    try run(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("vidclass-bench: \(VidClassError(error).message)\n".utf8))
    exit(VidClassError(error).exitCode)
}
