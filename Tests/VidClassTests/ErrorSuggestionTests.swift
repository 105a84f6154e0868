import Testing
import VidClass

/// The library's errors say what to do without naming a front end's options: the remedy travels as a
/// suggestion, and no library message names a command-line flag.
@Suite struct ErrorSuggestionTests {
    @Test func aSuggestionIsWordedForAnyReaderAndKeptApartFromTheProblem() {
        let error = VidClassError(.cannotCreate, "out.npy already exists", suggestion: .allowOverwriteOrChooseAnotherPath)
        #expect(error.problem == "out.npy already exists")
        #expect(error.message == "out.npy already exists; allow overwriting it or choose another path.")
        #expect(error.exitCode == 73)
    }

    @Test(arguments: VidClassError.Suggestion.allCases)
    func noAdviceNamesAFlag(suggestion: VidClassError.Suggestion) {
        #expect(!suggestion.advice.contains("--"))
    }

    @Test func anExistingOutputIsRefusedWithASuggestion() throws {
        let bundle = try TestSupport.classifier().bundle
        let existing = TestSupport.sampleClip("bikes.mp4")
        let run = try RunDescription(bundle: bundle, sampling: .uniform(frames: 1), seek: .exact)
        #expect {
            try FeatureExport.write([], inputs: [], run: run, perFrame: false, to: existing, overwrite: false)
        } throws: { error in
            (error as? VidClassError)?.suggestion == .allowOverwriteOrChooseAnotherPath
        }
    }
}
