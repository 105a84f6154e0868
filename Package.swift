// swift-tools-version:6.1
import PackageDescription

/// vidclass: video classification for Linux CPUs.
///
/// Dependency direction (nothing imports upward):
///   VidClassCLI → {VidClassServer, VidClass};  VidClassServer → {VidClass, Hummingbird, Logging, ServiceLifecycle}
///   VidClass → {VideoDecoding, FrameSampling, ModelCore}
///   VideoDecoding → CFFmpeg;  ModelCore → {WeightFiles, CKernels}
///
/// Every target lists every module it imports, and the build checks it (`scripts/test` passes
/// `--explicit-target-dependency-import-check error`): the CLI imports only `VidClass` (which names the lower
/// layers' types it uses, see Sources/VidClass/ReexportedTypes.swift), `VidClassServer` (for `vidclass serve`;
/// its own target so the tests run the server in-process) and the argument parser. The swift-tools-version is
/// 6.1 for `traits: []`, which keeps Hummingbird's optional swift-configuration support out of the build.
let package = Package(
    name: "vidclass",
    products: [
        .executable(name: "vidclass", targets: ["VidClassCLI"]),
        .executable(name: "vidclass-bench", targets: ["VidClassBench"]),
        .library(name: "VidClass", targets: ["VidClass"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The HTTP service (`vidclass serve`). Hummingbird's optional swift-configuration support is left out.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        .target(
            name: "VidClassServer",
            dependencies: [
                "VidClass",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "VidClassCLI",
            dependencies: [
                "VidClass",
                "VidClassServer",
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
            name: "ServerTests", dependencies: ["VidClassServer", "VidClass"]),
        .testTarget(
            name: "AllocationTests", dependencies: ["VidClass", "ModelCore", "VideoDecoding", "AllocationCounting"]),
    ],
    swiftLanguageModes: [.v6]
)
