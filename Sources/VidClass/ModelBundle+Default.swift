import Foundation

extension ModelBundle {
    /// File name of the default bundle: EfficientNet-Lite0 with its ImageNet-1k classifier.
    public static let defaultFileName = "efficientnet-lite0-imagenet.safetensors"

    /// Where the default bundle is looked for, in order:
    /// 1. `$VIDCLASS_MODELS/efficientnet-lite0-imagenet.safetensors` when that variable is set;
    /// 2. `Models/` beside the executable and in its parent folders (a checkout's `.build/release/vidclass`,
    ///    or an install as `PREFIX/bin/vidclass` with `PREFIX/share/vidclass/Models`);
    /// 3. the `Models/` folder of the source checkout this library was built from.
    public static func defaultSearchPaths() -> [String] {
        var folders: [URL] = []
        if let models = ProcessInfo.processInfo.environment["VIDCLASS_MODELS"] {
            folders.append(URL(fileURLWithPath: models))
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            folders.append(folder.appendingPathComponent("Models"))
            folders.append(folder.appendingPathComponent("share/vidclass/Models"))
            folder.deleteLastPathComponent()
        }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        folders.append(checkout.appendingPathComponent("Models"))
        return folders.map { $0.appendingPathComponent(defaultFileName).standardizedFileURL.path }
    }

    /// The path of the default bundle, or a clear error saying how to make or point at one.
    public static func defaultPath() throws(VidClassError) -> String {
        let candidates = defaultSearchPaths()
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            return found
        }
        throw VidClassError(
            .missingInput,
            "The default model \(defaultFileName) was not found (looked in \(candidates.count) places, e.g. \(candidates.last ?? "")); run scripts/make-default-model or pass --model FILE."
        )
    }
}
