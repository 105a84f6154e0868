// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The Swift snippets of the README's "In a Swift app" section, each one an executable exactly as printed there,
/// built against this checkout of vidclass (two folders up) the way an app depends on it. `scripts/test` checks
/// that the README still shows these files, then builds and runs them on a sample clip.
let checkout = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()
/// A path dependency is known by its folder's name, whatever the checkout is called.
let vidclass = checkout.lastPathComponent.lowercased()

let package = Package(
    name: "ReadmeExample",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(name: "ClassifyOne", dependencies: [.product(name: "VidClass", package: vidclass)]),
        .executableTarget(name: "ClassifyMany", dependencies: [.product(name: "VidClass", package: vidclass)]),
    ],
    swiftLanguageModes: [.v6]
)
