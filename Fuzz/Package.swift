// swift-tools-version:6.0
import PackageDescription

/// libFuzzer harnesses for vidclass's byte-source decode path and its weight-file readers, kept out of the
/// root package so the product build never needs the sanitizer runtimes.
///
/// Build and run through `scripts/fuzz-decode SECONDS` and `scripts/fuzz-weights SECONDS` (they pass
/// `-sanitize=fuzzer,address`).
let package = Package(
    name: "vidclass-fuzz",
    dependencies: [
        .package(name: "vidclass", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "DecodeFuzzer",
            dependencies: [.product(name: "VidClass", package: "vidclass")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "WeightFileFuzzer",
            dependencies: [.product(name: "VidClass", package: "vidclass")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
