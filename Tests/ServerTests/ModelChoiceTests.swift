import Foundation
import Testing
import VidClass
import VidClassServer

/// `--model` takes names, files and folders; requests pick among the models with `?model=`.
@Suite(.serialized) struct ModelChoiceTests {
    static let defaultBundle = ServerFixture.packageRoot.appendingPathComponent("Models/efficientnet-lite0-imagenet.safetensors")

    @Test func aFolderOfBundlesServesEachByFileName() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("mine.safetensors"), withDestinationURL: Self.defaultBundle)
        let clip = try ServerFixture.clip("bikes.mp4")
        try await ServerFixture.withServer({ $0.models = ["imagenet", folder.path] }) { client in
            let models = try await client.request("GET", "/v1/models")
            let names = (models.json["models"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["imagenet", "mine.safetensors"])
            let byDefault = try await client.request("POST", "/v1/classify?frames=4", body: clip)
            let chosen = try await client.request("POST", "/v1/classify?frames=4&model=mine.safetensors", body: clip)
            #expect(chosen.status == 200)
            #expect(chosen.json["predictions"] as? [[String: AnyHashable]] == byDefault.json["predictions"] as? [[String: AnyHashable]])
        }
    }

    @Test func twoModelsOfOneNameAreRefusedAtStart() throws {
        var configuration = ServerConfiguration()
        configuration.models = ["imagenet", Self.defaultBundle.path]
        #expect(throws: VidClassError.self) { try VidClassService(configuration: configuration) }
    }

    @Test func anEmptyFolderIsRefusedAtStart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration()
        configuration.models = [folder.path]
        let error = #expect(throws: VidClassError.self) { try VidClassService(configuration: configuration) }
        #expect(error?.category == .missingInput)
    }
}
