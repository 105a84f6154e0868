import Foundation
import VidClass

/// The models a server holds, loaded once at start and shared by every request (each is immutable and
/// `Sendable`), by the name requests give in `?model=`.
///
/// ```swift
/// let catalog = try ModelCatalog(arguments: ["imagenet", "/srv/models/"])   // a name and a folder of bundles
/// let model = try catalog.model(named: request.query["model"])           // nil: the first model
/// ```
///
/// Names are what `vidclass models` shows: `imagenet` and `kinetics400` for the bundles vidclass knows, else the
/// bundle's file name. Cost: each bundle is read once (weights, labels) and its backbone digest computed once
/// (for `/v1/features`).
struct ModelCatalog: Sendable {
    /// One loaded model.
    struct Model: Sendable {
        var name: String
        var classifier: VideoClassifier
        var extractor: FeatureExtractor
        var bundle: ModelBundle { classifier.bundle }
    }

    /// In the order given; the first is the default.
    let models: [Model]

    /// Loads what `arguments` name (see ``ServerConfiguration/models``); an empty list loads the default model.
    /// - Throws: ``VidClassError`` when a bundle cannot be loaded, a folder holds none, or two share a name.
    init(arguments: [String]) throws(VidClassError) {
        var models: [Model] = []
        for path in try Self.bundlePaths(arguments.isEmpty ? [nil] : arguments.map(Optional.some)) {
            let bundle = try ModelBundle(contentsOf: path)
            let name = ModelBundle.modelName(forFileName: URL(fileURLWithPath: path).lastPathComponent)
            guard !models.contains(where: { $0.name == name }) else {
                throw VidClassError(.usage, "Two models are called '\(name)' (\(path) and another); give each --model once.")
            }
            models.append(Model(name: name, classifier: VideoClassifier(bundle: bundle), extractor: try FeatureExtractor(bundle: bundle)))
        }
        self.models = models
    }

    /// The model `name` names; nil gives the first.
    /// - Throws: `.missingInput` naming the models this server holds.
    func model(named name: String?) throws(VidClassError) -> Model {
        guard let name else { return models[0] }
        if let model = models.first(where: { $0.name == name }) { return model }
        let names = models.map(\.name).joined(separator: ", ")
        throw VidClassError(.missingInput, "This server has no model called '\(name)'; it holds \(names) (GET /v1/models lists them).")
    }

    /// Each argument's bundle files: a folder's `.safetensors` files (sorted), anything else as `--model` means it.
    private static func bundlePaths(_ arguments: [String?]) throws(VidClassError) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            if let argument, FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? [])
                    .filter { $0.hasSuffix(".safetensors") }.sorted()
                guard !files.isEmpty else {
                    throw VidClassError(.missingInput, "The folder \(argument) holds no .safetensors model bundles; pass a bundle file or a folder of them.")
                }
                paths += files.map { URL(fileURLWithPath: argument).appendingPathComponent($0).path }
            } else {
                paths.append(try ModelBundle.path(forModelArgument: argument))
            }
        }
        return paths
    }
}
