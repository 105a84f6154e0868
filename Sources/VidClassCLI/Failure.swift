import ArgumentParser
import Foundation
import VidClass

/// The command-line tool's one exit path for failures: one line on standard error, the error's sysexits code.
enum Failure {
    /// Runs `body`; a thrown error is reported as `vidclass: <sentence>` and becomes the process's exit code.
    static func exitOnError(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            let failure = VidClassError(error)
            report(failure.commandLineMessage)
            throw ExitCode(failure.exitCode)
        }
    }

    /// Writes `vidclass: <message>` on standard error; lost when standard error cannot be written.
    static func report(_ message: String) {
        StandardStreams.report("vidclass: \(message)\n")
    }
}
