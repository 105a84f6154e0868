import Foundation
import VidClass

/// The inputs of one `classify` call: the INPUT arguments with directories expanded to the videos inside them,
/// followed by the paths listed in a `--files-from` file.
///
/// ```swift
/// let list = try InputList(arguments: ["clips/", "extra.mp4"], filesFrom: "more.txt")
/// list.inputs     // clips/a.mp4, clips/sub/b.mkv, extra.mp4, then more.txt's lines
/// list.isBatch    // true: a directory or a list always gives one record per input
/// ```
///
/// Semantics: a directory is walked recursively and contributes its files whose extension is a video
/// container's (``videoExtensions``, case-insensitive), sorted by path so runs are reproducible; hidden files
/// and folders are skipped. Other arguments are kept as they are, even when they do not exist, so a missing
/// file becomes that input's error record. A list file has one path per line (LF or CRLF line ends); blank lines
/// and comment lines, those starting with `#`, are skipped (a path that starts with `#` can be listed as
/// `./#name`); `-` reads the list from standard input. Cost: one directory walk per directory argument.
struct InputList {
    /// File extensions taken from directories: containers, GIF, and raw H.264/HEVC elementary streams.
    static let videoExtensions: Set<String> = [
        "mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg", "ts", "mts", "m2ts", "flv", "wmv", "3gp", "ogv",
        "nut", "y4m", "gif", "h264", "264", "avc", "h265", "265", "hevc",
    ]

    /// Every input, in order.
    private(set) var inputs: [String] = []
    /// Whether the call is a batch: several inputs, or any directory or list (even one that yields one file).
    private(set) var isBatch = false

    init(arguments: [String], filesFrom: String?) throws(VidClassError) {
        var emptyDirectories: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                let found = Self.videos(under: argument)
                if found.isEmpty { emptyDirectories.append(argument) }
                inputs += found
                isBatch = true
            } else {
                inputs.append(argument)
            }
        }
        if let filesFrom {
            inputs += try Self.listedPaths(in: filesFrom)
            isBatch = true
        }
        isBatch = isBatch || inputs.count > 1
        if inputs.isEmpty, let directory = emptyDirectories.first {
            throw VidClassError(
                .missingInput,
                "The directory \(directory) holds no video files (by extension: mp4, mkv, webm, mov, avi, …); pass video files or a folder that contains some."
            )
        }
        if inputs.isEmpty {
            throw VidClassError(.usage, "The list \(filesFrom ?? "-") names no files; write one video path per line.")
        }
    }

    /// The video files under `directory`, recursively, sorted by path.
    private static func videos(under directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let rootPath = root.standardizedFileURL.path + "/"
        var found: [String] = []
        for case let url as URL in walker where videoExtensions.contains(url.pathExtension.lowercased()) {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            found.append(path.hasPrefix(rootPath) ? prefix + path.dropFirst(rootPath.count) : path)
        }
        return found.sorted()
    }

    /// The lines of the list file at `path` (`-`: standard input) that are neither blank nor `#` comments.
    private static func listedPaths(in path: String) throws(VidClassError) -> [String] {
        let data: Data
        if path == "-" {
            // readDataToEndOfFile() traps when the read fails (standard input a directory: `< /`); this one throws.
            do {
                data = try FileHandle.standardInput.readToEnd() ?? Data()
            } catch {
                let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? "\(error)"
                throw VidClassError(.io, "Reading the list from standard input failed (\(reason)); pipe or redirect a text file of paths into it.")
            }
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw VidClassError(.missingInput, "The list \(path) does not exist; check the --files-from path.")
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw VidClassError(.io, "The list \(path) could not be read; check its permissions.")
            }
            data = contents
        }
        return String(decoding: data, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map(String.init)
            .filter { line in !line.allSatisfy(\.isWhitespace) && !line.hasPrefix("#") }
    }
}
