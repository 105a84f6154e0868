import Foundation
import Testing
import VideoDecoding

/// Locates the test media copied into `Fixtures/` (see `Fixtures/PROVENANCE.md`).
enum Fixture {
    /// The absolute path of fixture `name` (with extension); fails the test when missing.
    static func path(_ name: String) throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "missing fixture \(name)")
        return url.path
    }

    /// The absolute path of `SampleClips/name` in the package.
    static func sampleClip(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleClips/\(name)").path
    }

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// A reference PNG decoded to RGB24.
    static func image(_ name: String) throws -> RGBImage {
        try RGBImage(contentsOf: path(name))
    }

    /// Decodes the frames at `indices` of `name` to RGB, in ascending index order.
    static func frames(_ name: String, at indices: [Int], options: DecoderOptions = .init()) throws -> [Int: RGBImage] {
        let reader = try VideoReader(.path(path(name)), options: options)
        var images: [Int: RGBImage] = [:]
        try reader.readFrames(at: indices) { images[$0.requestedIndex] = try $0.rgbImage() }
        return images
    }
}

/// How two images differ: the count of unequal bytes and the largest difference.
func difference(_ a: RGBImage, _ b: RGBImage) -> (count: Int, largest: Int) {
    guard a.width == b.width, a.height == b.height else { return (Int.max, 255) }
    var count = 0
    var largest = 0
    for (x, y) in zip(a.pixels, b.pixels) where x != y {
        count += 1
        largest = max(largest, abs(Int(x) - Int(y)))
    }
    return (count, largest)
}
