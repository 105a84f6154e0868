import Foundation
import VidClass

enum TestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sampleClip(_ name: String) -> String {
        packageRoot.appendingPathComponent("SampleClips/\(name)").path
    }

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }

    private static let loaded = Result { () throws(VidClassError) in try VideoClassifier() }

    /// The default classifier, loaded once for the whole test run (loading is the expensive part).
    static func classifier() throws -> VideoClassifier {
        try loaded.get()
    }
}
