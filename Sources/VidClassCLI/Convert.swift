import ArgumentParser
import Foundation
import VidClass

extension BackboneArchitecture: ExpressibleByArgument {
    /// The architecture's name, or `i3d-kinetics400`, the name the I3D Kinetics-400 checkpoint goes by.
    public init?(argument: String) {
        self.init(rawValue: argument == "i3d-kinetics400" ? "i3d" : argument)
    }
}

/// `vidclass convert WEIGHTS --arch A --out F.safetensors`: a pretrained checkpoint to a model bundle.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert pretrained weights (.pth, .safetensors, or a Flax .ckpt of numpy arrays) into a vidclass model bundle.",
        discussion: """
            The backbone's tensors are checked against the architecture, and its pretrained classifier becomes a mean-pooling head.

            Examples:
              vidclass convert efficientnet-lite0-57934424.pth --arch efficientnet-lite0 \\
                --out lite0.safetensors --fp16
              vidclass convert i3d-kinetics-400.ckpt --arch i3d-kinetics400 \\
                --out Models/i3d-kinetics400.safetensors
            """
    )

    @Argument(help: "Pretrained weights: a PyTorch .pth (zip or legacy format), a .safetensors file, or a pickle of numpy arrays (the Flax I3D .ckpt).")
    var weights: String

    @Option(name: .long, help: "Architecture: \(BackboneArchitecture.allCases.map(\.rawValue).joined(separator: ", ")) (also i3d-kinetics400).")
    var arch: BackboneArchitecture

    @Option(name: .long, help: "The bundle to write (.safetensors).")
    var out: String

    @Flag(name: .long, help: "Store the weights as float16 (half the size).")
    var fp16 = false

    @Option(name: .long, help: "Class names, one per line (default: ImageNet-1k for 1000 classes, Kinetics-400 for a 400-class I3D).")
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
            StandardStreams.report(
                "wrote \(summary.path): \(summary.architecture.rawValue), \(summary.tensorCount) tensors, \(millions)M parameters, \(summary.classCount) classes, \(size) MB\n")
        }
    }

    private static func readLabels(_ path: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw VidClassError(.missingInput, "Cannot read the label file \(path); check the path.")
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
