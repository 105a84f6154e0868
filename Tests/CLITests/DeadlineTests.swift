import Foundation
import Testing

/// `--timeout` is one deadline over opening, probing, reading and decoding: inputs that used to block forever
/// inside one system or FFmpeg call now end on time with one sentence.
@Suite("deadlines that hold")
struct DeadlineTests {
    /// Runs `vidclass arguments…` with standard input from `input` (a path), timing it.
    private func timed(_ arguments: [String], standardInput input: String? = nil) throws
        -> (status: Int32, standardError: String, seconds: Double)
    {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        if let input { process.standardInput = FileHandle(forReadingAtPath: input) }
        let start = ContinuousClock.now
        try process.run()
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        watchdog.cancel()
        let elapsed = start.duration(to: .now)
        return (process.terminationStatus, message, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    @Test func aSilentPipeEndsAtTheDeadline() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("silent").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A writer that holds the FIFO open and never writes: reading it blocks until the deadline.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec sleep 90 > \"$0\"", fifo]
        try writer.run()
        defer { writer.terminate() }
        let outcome = try timed(["-", "--timeout", "1"], standardInput: fifo)
        #expect(outcome.status == 65)
        #expect(outcome.seconds < 20, "took \(outcome.seconds) s")
        #expect(outcome.standardError.contains("within the time budget"), "\(outcome.standardError)")
    }

    /// A Matroska file followed by 2 GB of zeros (a sparse file: nothing is written to disk): the demuxer reads on
    /// inside one call looking for the next element, until FFmpeg's interrupt callback stops it.
    @Test func aDemuxerReadingOnAndOnStopsAtTheDeadline() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clip = folder.appendingPathComponent("zeros.mkv")
        try FileManager.default.copyItem(atPath: CommandRunner.sampleClip("flipping_a_pancake.mkv"), toPath: clip.path)
        let handle = try FileHandle(forWritingTo: clip)
        try handle.truncate(atOffset: 2_000_000_000)
        try handle.close()
        let outcome = try timed([clip.path, "--timeout", "2", "--frames", "2"])
        #expect(outcome.status == 65)
        #expect(outcome.seconds < 20, "took \(outcome.seconds) s")
        #expect(outcome.standardError.contains("time budget"), "\(outcome.standardError)")
    }

    @Test func aFIFOGivenAsTheModelIsRefusedAtOnce() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("model.safetensors").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let outcome = try timed([CommandRunner.sampleClip("bikes.mp4"), "--model", fifo])
        #expect(outcome.status == 65)
        #expect(outcome.seconds < 20)
        #expect(outcome.standardError.contains("not a regular file"))
    }
}
