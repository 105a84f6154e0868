import Foundation
import Testing

/// Help texts read well in any terminal: ArgumentParser wraps every line to `COLUMNS` and keeps line breaks, so
/// prose must be one line per paragraph (a hand-wrapped paragraph is broken again mid-phrase at 80 columns and
/// stays ragged at 200), and each example must fit in 80 columns (a wrapped example loses its indentation).
@Suite("help text width")
struct HelpWidthTests {
    static let commands = [
        [], ["classify"], ["probe"], ["frames"], ["timeline"], ["features"], ["train"], ["eval"], ["convert"],
        ["models"], ["merge"], ["serve"],
    ]

    /// `vidclass arguments… --help` in a terminal `columns` wide, as lines.
    private func help(_ arguments: [String], columns: Int) throws -> [Substring] {
        let outcome = try CommandRunner.run(arguments + ["--help"], shell: #"COLUMNS=\#(columns) exec "$0" "$@""#)
        #expect(outcome.status == 0)
        return outcome.text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The overview and discussion: the lines before USAGE.
    private func overview(_ lines: [Substring]) -> [Substring] {
        Array(lines.prefix { !$0.hasPrefix("USAGE:") })
    }

    @Test(arguments: commands)
    func noLineIsWiderThan80Columns(arguments: [String]) throws {
        for line in try help(arguments, columns: 80) where line.count > 80 {
            let unbreakable = line.hasPrefix("USAGE: ") || !line.trimmingCharacters(in: .whitespaces).contains(" ")
            #expect(unbreakable, "\(arguments): \(line)")
        }
    }

    @Test(arguments: commands)
    func examplesAreNeverWrapped(arguments: [String]) throws {
        let lines = overview(try help(arguments, columns: 80))
        guard let start = lines.firstIndex(of: "Examples:") else { return }
        for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) {
            #expect(line.hasPrefix("  "), "\(arguments): a wrapped example: \(line)")
        }
    }

    /// At 200 columns a prose line may only end where the next word would not have fitted (ArgumentParser cuts
    /// each line at the last space among its first 200 characters).
    @Test(arguments: commands)
    func paragraphsAreSingleLines(arguments: [String]) throws {
        let lines = overview(try help(arguments, columns: 200))
        for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !line.hasPrefix(" ") && !line.hasSuffix(":") {
            guard !next.isEmpty, !next.hasPrefix(" ") else { continue }
            let nextWord = next.prefix { $0 != " " }
            #expect(line.count + 1 + nextWord.count >= 200, "\(arguments): a hand-wrapped paragraph: \(line) / \(next)")
        }
    }
}
