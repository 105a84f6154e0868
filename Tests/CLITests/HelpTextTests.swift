import Foundation
import Testing

/// The `--help` of the tool and of each subcommand is part of its interface: these tests pin it, so a change
/// is a deliberate one (regenerate with `vidclass [SUBCOMMAND] --help > Tests/CLITests/Fixtures/help/NAME.txt`,
/// COLUMNS=100).
@Suite("help texts")
struct HelpTextTests {
    @Test(arguments: [
        ("vidclass", ["--help"]), ("classify", ["classify", "--help"]), ("probe", ["probe", "--help"]),
        ("frames", ["frames", "--help"]), ("convert", ["convert", "--help"]), ("models", ["models", "--help"]),
        ("merge", ["merge", "--help"]),
        ("serve", ["serve", "--help"]),
    ])
    func helpIsPinned(name: String, arguments: [String]) throws {
        let outcome = try CommandRunner.run(arguments)
        #expect(outcome.status == 0)
        let pinned = try String(contentsOfFile: CommandRunner.fixture("help/\(name).txt"), encoding: .utf8)
        #expect(outcome.text == pinned)
    }
}
