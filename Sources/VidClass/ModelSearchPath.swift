import Foundation
import Synchronization

/// The folders, in order, where vidclass looks for installed model bundles (`--model imagenet`,
/// `--model kinetics400`, the default model, the backbone a head-only bundle borrows) and their label lists.
///
/// The first folder that holds a file of the wanted name wins. ``default`` is, in order:
/// 1. each folder of `$VIDCLASS_MODELS` (one folder, or several separated by `:`), when it is set;
/// 2. `Models/` and `share/vidclass/Models/` in the folder of the running executable and in its three parent
///    folders: a checkout's `.build/release/vidclass` finds the checkout's `Models/`, an install as
///    `PREFIX/bin/vidclass` finds `PREFIX/share/vidclass/Models`;
/// 3. last resort, for development only: the `Models/` folder of the source checkout this library was compiled
///    from. A deployed app must not rely on it (the checkout may be gone or another version); it should install
///    its models by rule 2 or set ``current``.
///
/// A folder reached twice (the checkout's `Models/`, when the executable is in the checkout) is searched once, at
/// its first place.
///
/// An app that ships its own models sets ``current`` once, before loading any bundle:
///
/// ```swift
/// ModelSearchPath.current = ModelSearchPath.default.prepending("/opt/myapp/models")   // mine first
/// ModelSearchPath.current = ModelSearchPath(folders: ["/opt/myapp/models"])          // nowhere else
/// let classifier = try VideoClassifier(modelPath: "kinetics400")
/// ```
///
/// ``ModelBundle``'s lookups (``ModelBundle/path(forModelArgument:searchPath:)``,
/// ``ModelBundle/init(modelArgument:searchPath:)``, ``ModelBundle/init(contentsOf:searchPath:)``) also take a
/// search path as a parameter defaulting to ``current``, so one process can use several. `vidclass models` prints
/// the path it uses and what it finds there (``installedModels(digests:)``).
/// Cost: a lookup is a few `stat` calls; nothing is cached, so a file installed while the process runs is found.
public struct ModelSearchPath: Sendable, Equatable {
    /// Why a folder is in the search path (shown by `vidclass models`).
    public enum Origin: String, Sendable, Codable {
        /// Set by the app (``init(folders:)``, ``prepending(_:)``).
        case app
        /// From `$VIDCLASS_MODELS`.
        case environment
        /// Beside the running executable or in one of its parent folders.
        case executable
        /// The source checkout the library was compiled from (last resort, development only).
        case checkout
    }

    /// One folder of the search path.
    public struct Folder: Sendable, Equatable {
        public var path: String
        public var origin: Origin

        public init(path: String, origin: Origin) {
            self.path = URL(fileURLWithPath: path).standardizedFileURL.path
            self.origin = origin
        }

        /// Whether the folder exists now.
        public var exists: Bool {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        }
    }

    /// The folders in the order they are searched.
    public var folders: [Folder]

    /// A search path of exactly these folders, in order.
    public init(folders: [String]) {
        self.init(folders.map { Folder(path: $0, origin: .app) })
    }

    /// A search path of these folders, in order; a folder listed twice keeps its first place.
    public init(_ folders: [Folder]) {
        var seen: Set<String> = []
        self.folders = folders.filter { seen.insert($0.path).inserted }
    }

    /// The same path with `folder` searched first.
    public func prepending(_ folder: String) -> ModelSearchPath {
        ModelSearchPath([Folder(path: folder, origin: .app)] + folders)
    }

    /// The path of `fileName` in each folder, in search order.
    public func candidates(for fileName: String) -> [String] {
        folders.map { URL(fileURLWithPath: $0.path).appendingPathComponent(fileName).path }
    }

    /// The first existing file called `fileName` in the search path, or nil.
    public func firstFile(named fileName: String) -> String? {
        candidates(for: fileName).first { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }
}

extension ModelSearchPath {
    /// The search path vidclass uses unless an app sets ``current``: `$VIDCLASS_MODELS`, then beside the
    /// executable, then the source checkout (see the type's documentation). Read anew on each use.
    public static var `default`: ModelSearchPath {
        ModelSearchPath(environmentFolders + executableFolders + [checkoutFolder])
    }

    /// The search path every lookup uses unless given another: ``default`` until an app sets it.
    public static var current: ModelSearchPath {
        get { override.withLock { $0 } ?? .default }
        set { override.withLock { $0 = newValue } }
    }

    /// What an app set ``current`` to, if anything.
    private static let override = Mutex<ModelSearchPath?>(nil)

    private static var environmentFolders: [Folder] {
        let value = ProcessInfo.processInfo.environment["VIDCLASS_MODELS"] ?? ""
        return value.split(separator: ":").map { Folder(path: String($0), origin: .environment) }
    }

    /// `Models/` and `share/vidclass/Models` in the executable's folder and its three parents.
    private static var executableFolders: [Folder] {
        guard let executable = Bundle.main.executableURL ?? CommandLine.arguments.first.map(URL.init(fileURLWithPath:)) else {
            return []
        }
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        var folders: [Folder] = []
        for _ in 0..<4 {
            folders.append(Folder(path: folder.appendingPathComponent("Models").path, origin: .executable))
            folders.append(Folder(path: folder.appendingPathComponent("share/vidclass/Models").path, origin: .executable))
            folder.deleteLastPathComponent()
        }
        return folders
    }

    /// `Models/` of the checkout this file was compiled in (three folders above `Sources/VidClass/`).
    private static var checkoutFolder: Folder {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return Folder(path: root.appendingPathComponent("Models").path, origin: .checkout)
    }
}
