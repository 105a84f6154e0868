import Foundation
import Testing

/// The `--help` texts of the training-side commands are part of their interface (regenerate with
/// `COLUMNS=100 vidclass SUB --help > Tests/CLITests/Fixtures/help/SUB.txt`).
@Suite("help texts of features, train, eval, timeline")
struct TrainHelpTextTests {
    @Test(arguments: ["features", "train", "eval", "timeline"])
    func helpIsPinned(name: String) throws {
        let outcome = try CommandRunner.run([name, "--help"])
        #expect(outcome.status == 0)
        let pinned = try String(contentsOfFile: CommandRunner.fixture("help/\(name).txt"), encoding: .utf8)
        #expect(outcome.text == pinned)
    }
}
