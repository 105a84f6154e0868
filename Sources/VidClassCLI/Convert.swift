import ArgumentParser
import Foundation
import ModelCore
import VidClass
import WeightFiles

extension BackboneArchitecture: ExpressibleByArgument {}

/// `vidclass convert WEIGHTS --arch A --out F.safetensors`: a pretrained checkpoint to a model bundle.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert pretrained weights (.pth, either PyTorch format, or .safetensors) into a vidclass model bundle.",
        discussion: """
            The backbone's tensors are checked against the architecture, and its ImageNet classifier becomes a
            mean-pooling head. Example:
              vidclass convert efficientnet-lite0-57934424.pth --arch efficientnet-lite0 --out lite0.safetensors --fp16
            """
    )

    @Argument(help: "Pretrained weights: a PyTorch .pth (zip or legacy format) or a .safetensors file.")
    var weights: String

    @Option(name: .long, help: "Architecture: \(BackboneArchitecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: BackboneArchitecture

    @Option(name: .long, help: "The bundle to write (.safetensors).")
    var out: String

    @Flag(name: .long, help: "Store the weights as float16 (half the size).")
    var fp16 = false

    @Option(name: .long, help: "Class names, one per line (default for a 1000-class classifier: ImageNet-1k).")
    var labels: String?

    @Option(name: .long, help: "Where the weights came from, recorded in the bundle.")
    var source: String?

    @Option(name: .long, help: "The weights' licence, recorded in the bundle.")
    var license: String?

    @Flag(name: .long, help: "Replace an existing --out file.")
    var force = false

    func run() throws {
        try Failure.exitOnError {
            let names = try labels.map(Self.readLabels)
            let summary = try ModelConverter.convert(
                weightsAt: weights, architecture: arch, labels: names, storage: fp16 ? .float16 : .float32,
                to: out, overwrite: force, source: source, license: license)
            let megabytes = Double(summary.bytes) / 1_048_576
            let millions = String(format: "%.2f", Double(summary.parameterCount) / 1e6)
            let size = String(format: "%.1f", megabytes)
            FileHandle.standardError.write(Data(
                "wrote \(summary.path): \(summary.architecture.rawValue), \(summary.tensorCount) tensors, \(millions)M parameters, \(summary.classCount) classes, \(size) MB\n".utf8))
        }
    }

    private static func readLabels(_ path: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw VidClassError(.missingInput, "Cannot read the label file \(path); check the path.")
        }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
