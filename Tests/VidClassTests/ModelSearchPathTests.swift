import Foundation
import Testing
@testable import VidClass

/// The model search path is a value an app can set: every lookup (named models, bare file names, the default
/// model) goes through it, and ``ModelSearchPath/current`` changes what the defaulted lookups see.
@Suite("model search path")
struct ModelSearchPathTests {
    /// A temporary folder with a copy of the default bundle called `fileName`.
    private static func folder(holdingDefaultBundleAs fileName: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestSupport.packageRoot.appendingPathComponent("Models/\(ModelBundle.defaultFileName)"),
            to: folder.appendingPathComponent(fileName))
        return folder
    }

    @Test func anExplicitSearchPathIsTheOnlyPlaceLooked() throws {
        let folder = try Self.folder(holdingDefaultBundleAs: ModelBundle.defaultFileName)
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = ModelSearchPath(folders: [folder.path])
        let expected = folder.appendingPathComponent(ModelBundle.defaultFileName).path
        #expect(try ModelBundle.path(forModelArgument: nil, searchPath: mine) == expected)
        #expect(try ModelBundle.path(forModelArgument: "imagenet", searchPath: mine) == expected)
        #expect(try ModelBundle(modelArgument: "imagenet", searchPath: mine).metadata.labels.count == 1000)

        let empty = ModelSearchPath(folders: [folder.appendingPathComponent("empty").path])
        #expect(throws: VidClassError.self) { try ModelBundle.path(forModelArgument: "imagenet", searchPath: empty) }
        do {
            _ = try ModelBundle.path(forModelArgument: "kinetics400", searchPath: empty)
            Issue.record("an empty search path has no kinetics400")
        } catch {
            #expect(error.category == .missingInput)
            #expect(error.message.contains("scripts/fetch-kinetics400"))
        }
    }

    /// The tests run from `.build/…/release`, so the checkout's `Models/` is already found beside the executable
    /// and is not listed a second time as the last resort.
    @Test func prependedFoldersComeFirstAndNoFolderTwice() throws {
        let standard = ModelSearchPath.default
        let checkoutModels = TestSupport.packageRoot.appendingPathComponent("Models").path
        #expect(standard.folders.contains(ModelSearchPath.Folder(path: checkoutModels, origin: .executable)))
        #expect(!standard.folders.contains { $0.origin == .checkout })
        #expect(Set(standard.folders.map(\.path)).count == standard.folders.count, "no folder twice")
        let prepended = standard.prepending("/opt/app/models")
        #expect(prepended.folders.first == ModelSearchPath.Folder(path: "/opt/app/models", origin: .app))
        #expect(Array(prepended.folders.dropFirst()) == standard.folders)
    }

    @Test func settingCurrentChangesEveryDefaultedLookup() throws {
        let fileName = "search-path-\(UUID().uuidString).safetensors"
        let folder = try Self.folder(holdingDefaultBundleAs: fileName)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: VidClassError.self) { try ModelBundle.path(forModelArgument: fileName) }

        let before = ModelSearchPath.current
        ModelSearchPath.current = before.prepending(folder.path)
        defer { ModelSearchPath.current = before }
        #expect(ModelSearchPath.current.folders.first?.path == folder.path)
        #expect(try ModelBundle.path(forModelArgument: fileName) == folder.appendingPathComponent(fileName).path)
        #expect(ModelSearchPath.current.installedModels(digests: false).contains { $0.name == fileName && $0.error == nil })
    }

    @Test(arguments: [
        ("kinetics", ["kinetics400"]), ("kinetcs", ["kinetics400"]), ("imagnet", ["imagenet"]),
        ("Kinetics400", ["kinetics400"]), ("imagenet1k", ["imagenet"]), ("resnet", []), ("resnet50", []), ("i3d", []),
    ])
    func closestNames(typed: String, expected: [String]) {
        #expect(EditDistance.closest(to: typed, among: ["imagenet", "kinetics400"]) == expected)
    }

    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        #expect(EditDistance.between("imagnet", "imagenet") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("ABC", "abc") == 0)
        #expect(EditDistance.toPrefix(of: "kinetics400", from: "kinetcs") == 1)
        #expect(EditDistance.toPrefix(of: "kinetics400", from: "kinetics400") == 0)
    }
}
