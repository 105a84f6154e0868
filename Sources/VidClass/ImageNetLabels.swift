import Foundation

/// The 1000 ImageNet-1k class names, read from `imagenet-labels.txt` in the models folder.
enum ImageNetLabels {
    static let fileName = "imagenet-labels.txt"

    static func load() throws(VidClassError) -> [String] {
        let candidates = ModelBundle.defaultSearchPaths().map {
            URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent(fileName).path
        }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else {
            throw VidClassError(.missingInput, "The ImageNet label list \(fileName) was not found beside the default model; pass --labels FILE.")
        }
        let labels = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmed = labels.last == "" ? Array(labels.dropLast()) : labels
        guard trimmed.count == 1000 else {
            throw VidClassError(.badData, "\(path) lists \(trimmed.count) labels; ImageNet-1k has 1000.")
        }
        return trimmed
    }
}
