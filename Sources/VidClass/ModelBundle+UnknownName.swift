extension ModelBundle {
    /// The error for a `--model` argument that is neither a file nor a known name: one sentence naming the
    /// closest known names (``namedModels`` and the bundles installed in `searchPath`) and `vidclass models`.
    ///
    /// `kinetics` gives "… did you mean kinetics400? …"; a name close to nothing lists the named models instead.
    static func unknownModelName(_ argument: String, searchPath: ModelSearchPath) -> VidClassError {
        let installed = searchPath.bundleFiles().map { modelName(forFileName: $0.lastPathComponent) }
        let known = Array(Set(namedModels.keys).union(installed)).sorted()
        let closest = EditDistance.closest(to: argument, among: known)
        let hint =
            closest.isEmpty
            ? "the known names are \(namedModels.keys.sorted().joined(separator: ", "))"
            : "did you mean \(closest.joined(separator: " or "))?"
        return VidClassError(
            .missingInput,
            "There is no model file or installed model called '\(argument)'; \(hint) ('vidclass models' lists the installed models)."
        )
    }
}
