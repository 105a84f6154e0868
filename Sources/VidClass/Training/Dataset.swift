import Foundation

/// A labelled set of video clips: a folder of `label/` subfolders, or a CSV of `path,label` rows.
///
/// ```swift
/// let dataset = try Dataset(contentsOf: "clips/")     // clips/cat/a.mp4, clips/dog/b.mkv, …
/// print(dataset.labels)                               // ["cat", "dog"] (sorted: class index = position)
/// for skipped in dataset.skipped { print(skipped.item, skipped.reason) }
/// ```
///
/// Folder layout: every visible subfolder is a label, every visible regular file inside it a clip (nested folders
/// are not searched). CSV layout: one `path,label` row per clip, an optional `path,label` header row, blank
/// lines and `#` comments ignored; relative paths are resolved against the CSV's folder; fields may be
/// double-quoted (for commas in names). Rows that cannot be used (wrong field count, empty field, missing file) are skipped and
/// listed, not fatal. Whether a clip is a decodable video is only known when it is read (``DatasetFeatures``).
public struct Dataset: Sendable, Equatable {
    /// One clip and its label.
    public struct Clip: Sendable, Equatable {
        public var path: String
        public var label: String

        public init(path: String, label: String) {
            self.path = path
            self.label = label
        }
    }

    /// Something left out, and why (one sentence).
    public struct Skipped: Sendable, Equatable, Codable {
        /// The clip path, or `file:line` for a bad CSV row.
        public var item: String
        public var reason: String

        public init(item: String, reason: String) {
            self.item = item
            self.reason = reason
        }
    }

    /// The clips in a stable order (by label, then path).
    public var clips: [Clip]
    /// The distinct labels, sorted; a label's class index is its position.
    public var labels: [String]
    /// What could not be used.
    public var skipped: [Skipped]

    public init(clips: [Clip], skipped: [Skipped] = []) {
        self.clips = clips.sorted { ($0.label, $0.path) < ($1.label, $1.path) }
        self.labels = Array(Set(clips.map(\.label))).sorted()
        self.skipped = skipped
    }

    /// Reads a dataset folder or CSV file.
    /// - Throws: ``VidClassError`` `.missingInput` when `path` does not exist, `.badData` when it holds no usable
    ///   clip at all.
    public init(contentsOf path: String) throws(VidClassError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VidClassError(.missingInput, "The dataset \(path) does not exist; pass a folder of label/ subfolders or a CSV of path,label rows.")
        }
        self = isDirectory.boolValue ? try Self.readFolder(path) : try Self.readCSV(path)
        guard !clips.isEmpty else {
            throw VidClassError(.badData, "The dataset \(path) holds no usable clips\(skipped.isEmpty ? "" : " (\(skipped.count) skipped)"); put videos in label/ subfolders or list them as path,label rows.")
        }
    }

    private static func visibleEntries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    private static func readFolder(_ root: String) throws(VidClassError) -> Dataset {
        var clips: [Clip] = []
        for label in visibleEntries(root) {
            let folder = (root as NSString).appendingPathComponent(label)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in visibleEntries(folder) {
                let file = (folder as NSString).appendingPathComponent(name)
                var nested: ObjCBool = false
                if FileManager.default.fileExists(atPath: file, isDirectory: &nested), !nested.boolValue {
                    clips.append(Clip(path: file, label: label))
                }
            }
        }
        return Dataset(clips: clips)
    }

    private static func readCSV(_ path: String) throws(VidClassError) -> Dataset {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VidClassError(.io, "Cannot read the dataset file \(path); check its permissions.")
        }
        let base = (URL(fileURLWithPath: path).standardizedFileURL.path as NSString).deletingLastPathComponent
        var clips: [Clip] = []
        var skipped: [Skipped] = []
        var sawRow = false
        // Split on any line end: in a Swift String "\r\n" is one Character, which a split on "\n" never matches.
        let lines = String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (number, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            let item = "\(path):\(number + 1)"
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = CSVRow.fields(of: line)
            defer { sawRow = true }
            if !sawRow, fields.map({ $0.lowercased() }) == ["path", "label"] { continue }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                skipped.append(Skipped(item: item, reason: "Expected two non-empty fields path,label but found \(fields.count) field(s)."))
                continue
            }
            let clipPath = fields[0].hasPrefix("/") ? fields[0] : (base as NSString).appendingPathComponent(fields[0])
            guard FileManager.default.fileExists(atPath: clipPath) else {
                skipped.append(Skipped(item: clipPath, reason: "The file does not exist (listed on line \(number + 1))."))
                continue
            }
            clips.append(Clip(path: clipPath, label: fields[1]))
        }
        return Dataset(clips: clips, skipped: skipped)
    }
}

/// Splits one CSV line into fields: commas separate, double quotes protect commas, `""` is a literal quote.
enum CSVRow {
    static func fields(of line: String) -> [String] {
        let characters = Array(line)
        var fields: [String] = []
        var current = ""
        var quoted = false
        var position = 0
        while position < characters.count {
            let character = characters[position]
            position += 1
            if character == "\"" {
                if quoted, position < characters.count, characters[position] == "\"" {
                    current.append("\"")
                    position += 1
                } else {
                    quoted.toggle()
                }
            } else if character == ",", !quoted {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

extension Dataset {
    /// Splits off a validation set: from every label with at least two clips, round(`fraction` × count) clips
    /// (at least one, never all) chosen by a stable hash of their file names and `seed`, so the same dataset and
    /// seed always give the same split. Labels with one clip stay in training.
    public func split(validationFraction fraction: Double, seed: UInt64) -> (training: Dataset, validation: Dataset) {
        var training: [Clip] = []
        var validation: [Clip] = []
        for label in labels {
            let members = clips.filter { $0.label == label }
                .sorted { StableHash.ofFileName($0.path, seed: seed) < StableHash.ofFileName($1.path, seed: seed) }
            let count = members.count < 2 || fraction <= 0 ? 0 : min(members.count - 1, max(1, Int((Double(members.count) * fraction).rounded())))
            validation += members.prefix(count)
            training += members.dropFirst(count)
        }
        return (Dataset(clips: training, skipped: skipped), Dataset(clips: validation))
    }
}
