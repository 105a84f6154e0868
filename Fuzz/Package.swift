// swift-tools-version:6.0
import PackageDescription

/// libFuzzer harness for vidclass's byte-source decode path, kept out of the root package so the product
/// build never needs the sanitizer runtimes.
///
/// Build and run through `scripts/fuzz-decode SECONDS` (it passes `-sanitize=fuzzer,address`).
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
        )
    ],
    swiftLanguageModes: [.v6]
)
