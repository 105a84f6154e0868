import VidClass

extension VidClassError {
    /// The error's sentence as the command line says it: a ``VidClassError/Suggestion`` is worded with the
    /// option that acts on it (`--force`, `--max-memory`…); an error without one keeps its message.
    var commandLineMessage: String {
        guard let suggestion else { return message }
        return problem + "; " + suggestion.commandLineAdvice + "."
    }
}

extension VidClassError.Suggestion {
    /// The advice, naming this tool's options.
    var commandLineAdvice: String {
        switch self {
        case .allowOverwriteOrChooseAnotherPath: "pass --force to replace it or choose another output path"
        case .chooseWritableCache: "pass --cache DIR with a writable folder"
        case .fewerFramesOrMoreMemory: "use fewer frames or raise --max-memory"
        case .longerHop: "pass a longer --hop"
        case .longerHopOrFewerFrames: "pass a longer --hop or fewer --frames"
        case .uniformSamplingOrFile: "use --sampling uniform or pass a file path"
        case .giveLabels: "pass --labels FILE with one class name per line"
        case .checkArchitecture: "check --arch or the file"
        case .trainWithPooling: "train one with 'vidclass train --pool'"
        }
    }
}
