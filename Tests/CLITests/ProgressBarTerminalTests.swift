import Foundation
import Testing

/// The batch progress bar on a real terminal (a pseudo-terminal from util-linux `script`), where standard output
/// and standard error share the screen: no result line may land on the bar's line.
@Suite("progress bar on a terminal")
struct ProgressBarTerminalTests {
    private static let script = "/usr/bin/script"

    /// What a terminal shows for `text`: carriage return goes to column 0, `ESC [K` erases to the end of the line,
    /// a newline starts the next line, anything else overwrites the cell under the cursor. (Scalars, not
    /// characters: Swift reads the terminal's "\r\n" as one character.)
    private func screenLines(_ text: String) -> [String] {
        var lines: [[Unicode.Scalar]] = [[]]
        var column = 0
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\r": column = 0
            case "\n": (lines, column) = (lines + [[]], 0)
            case "\u{1B}" where scalars.starts(with: ["[", "K"]):
                scalars = scalars.dropFirst(2)
                lines[lines.count - 1].removeSubrange(min(column, lines[lines.count - 1].count)...)
            default:
                if column < lines[lines.count - 1].count {
                    lines[lines.count - 1][column] = scalar
                } else {
                    lines[lines.count - 1].append(scalar)
                }
                column += 1
            }
        }
        return lines.map { String(String.UnicodeScalarView($0)) }
    }

    @Test(
        "results printed during a batch start on a line of their own, after the bar is cleared",
        .enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func resultsNeverShareTheBarsLine() throws {
        let mkv = CommandRunner.fixture("robustness/small.mkv")
        let mp4 = CommandRunner.fixture("robustness/small.mp4")
        let command = ([CommandRunner.executable.path, mkv, mp4, "/no/such/clip.mp4", mkv, "--frames", "2", "--threads", "1", "--format", "jsonl"])
            .joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.script)
        process.arguments = ["-qec", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 69)
        let lines = screenLines(text)
        #expect(text.contains("]  1/4"), "the bar was drawn: \(text)")
        #expect(lines.filter { $0.contains("\"input\"") }.count == 4, "\(lines)")
        #expect(lines.allSatisfy { !($0.contains("\"input\"") && $0.contains("]  ")) }, "no result beside the bar: \(lines)")
        #expect(lines.filter { $0.hasPrefix("{") }.count == 4, "each result starts its line: \(lines)")
    }
}
