import Foundation

/// Turns SIGINT (Ctrl-C) and SIGTERM during a batch with an `--output` file into a clean stop: the record being
/// written is finished and counted, no other starts, and one line on standard error says what was done and how to go on:
///
/// ```
/// vidclass: interrupted; results.jsonl: 4 done, 0 failed, 0 skipped; continue with: vidclass videos/ --output results.jsonl --resume
/// ```
///
/// The process then exits with 128 + the signal number (130, 143), as shells expect. Inputs being classified are
/// dropped; `--resume` classifies them again. Keep the value alive for as long as the batch runs; when it goes,
/// the signals' default actions return.
///
/// How: a signal handler may do almost nothing safely, so it only writes the signal's number to a pipe (the
/// self-pipe trick); a thread waiting on the pipe does the rest. This works whichever thread the signal lands on.
final class Interruption {
    private static let signals = [SIGINT, SIGTERM]
    private let writeEnd: Int32

    init(file: RecordFile, tally: BatchTally, arguments: [String] = CommandLine.arguments) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            writeEnd = -1
            return
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        self.writeEnd = writeEnd
        let hint = Self.resumeCommand(arguments)
        Thread.detachNewThread {
            var number: Int32 = 0
            let count = withUnsafeMutableBytes(of: &number) { read(readEnd, $0.baseAddress, $0.count) }
            close(readEnd)
            guard count == MemoryLayout<Int32>.size else { return }
            let summary = tally.stop()
            file.stopWrites()
            let clearBar = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : ""
            let line = "\(clearBar)vidclass: interrupted; \(summary); continue with: \(hint)\n"
            StandardStreams.report(line)
            _exit(128 + number)
        }
        interruptionPipe = writeEnd
        // A parent may have blocked these signals (children inherit the mask); this thread takes them from now on.
        var mask = sigset_t()
        sigemptyset(&mask)
        for number in Self.signals { sigaddset(&mask, number) }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        for number in Self.signals {
            signal(number) { number in
                var number = number
                _ = withUnsafeBytes(of: &number) { write(interruptionPipe, $0.baseAddress, $0.count) }
            }
        }
    }

    deinit {
        for number in Self.signals { signal(number, SIG_DFL) }
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// The command that continues this batch: the same arguments, shell-quoted, without `--force` (which would
    /// discard the records) and with `--resume`.
    static func resumeCommand(_ arguments: [String]) -> String {
        var words = arguments.filter { $0 != "--force" }
        if !words.contains("--resume") { words.append("--resume") }
        return words.map(shellQuoted).joined(separator: " ")
    }

    /// `word` as the shell reads it back: unchanged when it is plain, in single quotes otherwise.
    static func shellQuoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_./:=@%+,-".unicodeScalars.contains(scalar))
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The write end of the running ``Interruption``'s pipe: global, because a signal handler captures nothing.
/// Set once, before the handlers are installed.
nonisolated(unsafe) private var interruptionPipe: Int32 = -1
