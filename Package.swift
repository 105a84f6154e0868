// swift-tools-version:6.0
import PackageDescription

/// vidclass: video classification for Linux CPUs.
///
/// Dependency direction (nothing imports upward):
///   VidClassCLI → VidClass → {VideoDecoding, FrameSampling, ModelCore}
///   VideoDecoding → CFFmpeg;  ModelCore → {WeightFiles, CKernels}
///
/// Every target lists every module it imports, and the build checks it (`scripts/test` passes
/// `--explicit-target-dependency-import-check error`): the CLI imports only `VidClass` (which names the lower
/// layers' types it uses, see Sources/VidClass/ReexportedTypes.swift) and the argument parser.
let package = Package(
    name: "vidclass",
    products: [
        .executable(name: "vidclass", targets: ["VidClassCLI"]),
        .executable(name: "vidclass-bench", targets: ["VidClassBench"]),
        .library(name: "VidClass", targets: ["VidClass"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CFFmpeg",
            path: "CFFmpeg",
            pkgConfig: "libavformat libavcodec libswscale libavutil",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libavutil-dev"])]
        ),
        .target(
            name: "CKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .target(name: "VideoDecoding", dependencies: ["CFFmpeg"]),
        .target(name: "FrameSampling"),
        .target(name: "WeightFiles"),
        .target(name: "ModelCore", dependencies: ["WeightFiles", "CKernels"]),
        .target(
            name: "VidClass",
            dependencies: ["VideoDecoding", "FrameSampling", "ModelCore", "WeightFiles"]
        ),
        .executableTarget(
            name: "VidClassCLI",
            dependencies: [
                "VidClass",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "AllocationCounting", path: "Benchmarks/AllocationCounting"),
        .executableTarget(
            name: "VidClassBench",
            dependencies: ["VidClass", "VideoDecoding", "FrameSampling", "ModelCore", "AllocationCounting"],
            path: "Benchmarks/VidClassBench"
        ),
        .testTarget(
            name: "VideoDecodingTests", dependencies: ["VideoDecoding", "CFFmpeg"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FrameSamplingTests", dependencies: ["FrameSampling"]),
        .testTarget(name: "WeightFilesTests", dependencies: ["WeightFiles"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ModelCoreTests", dependencies: ["ModelCore", "WeightFiles", "CKernels"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "VidClassTests", dependencies: ["VidClass", "ModelCore", "VideoDecoding", "WeightFiles"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CLITests", dependencies: ["VidClass", "VideoDecoding", "WeightFiles"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "AllocationTests", dependencies: ["VidClass", "ModelCore", "VideoDecoding", "AllocationCounting"]),
    ],
    swiftLanguageModes: [.v6]
)
