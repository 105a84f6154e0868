import Foundation

/// A class-name list shipped in the model folders beside the default bundle, one name per line.
struct LabelList {
    /// The file's name in the models folder.
    let fileName: String
    /// The dataset's name, for error messages.
    let dataset: String
    /// How many classes the dataset has.
    let count: Int

    /// The 1000 ImageNet-1k classes (the default model's).
    static let imageNet = LabelList(fileName: "imagenet-labels.txt", dataset: "ImageNet-1k", count: 1000)
    /// The 400 Kinetics-400 actions, in DeepMind's I3D classifier order.
    static let kinetics400 = LabelList(fileName: "kinetics400-labels.txt", dataset: "Kinetics-400", count: 400)

    /// Reads the list from the first folder of `searchPath` that has it.
    func load(searchPath: ModelSearchPath = .current) throws(VidClassError) -> [String] {
        guard let path = searchPath.firstFile(named: fileName),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else {
            throw VidClassError(.missingInput, "The \(dataset) label list \(fileName) was not found in the model folders ('vidclass models' lists them)", suggestion: .giveLabels)
        }
        let labels = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmed = labels.last == "" ? Array(labels.dropLast()) : labels
        guard trimmed.count == count else {
            throw VidClassError(.badData, "\(path) lists \(trimmed.count) labels; \(dataset) has \(count).")
        }
        return trimmed
    }
}
