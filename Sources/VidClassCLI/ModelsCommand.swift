import ArgumentParser
import Foundation
import VidClass

/// `vidclass models`: the installed model bundles and the folders searched for them.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the installed model bundles and the folders searched for them.",
        discussion: """
            Every .safetensors bundle in the model search path is listed with its --model name (imagenet, kinetics400, or the file name), file, size, SHA-256, backbone, frames and labels; a file that cannot be used is listed with the reason. Then come the folders searched, in order, and whether each exists. The first file of a name wins.

            The search path: each folder of $VIDCLASS_MODELS (several separated by :), then Models/ and share/vidclass/Models/ beside the executable and in its three parent folders, and last, for development, Models/ of the source checkout vidclass was built from.

            Examples:
              vidclass models
              vidclass models --format json
              VIDCLASS_MODELS=~/models vidclass models
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        try Failure.exitOnError {
            let searchPath = ModelSearchPath.current
            let listing = ModelListing(models: searchPath.installedModels(), folders: searchPath.folders)
            try StandardStreams.write(format == .json ? listing.json() : listing.text(), to: .output)
        }
    }
}
