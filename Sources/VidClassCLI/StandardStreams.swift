import Foundation
import VidClass

/// Every byte the command-line tool prints goes through here: standard output (results) and standard error
/// (diagnostics, progress), written with `write(2)` so a failed write is an answer, not a crash.
///
/// Foundation's `FileHandle.write(_:)` raises an exception on Linux when a write fails, which aborts the process,
/// and `print` loses failures silently. The policy here instead:
///
/// - **A reader that went away** (`EPIPE`: `vidclass … | head -1`) ends vidclass at once, quietly, with status 0,
///   as `yes | head` ends for its user: nobody is left to read the rest, and a pipeline under `set -o pipefail`
///   does not fail because its consumer had seen enough. SIGPIPE is ignored (``prepare()``) so the broken pipe
///   arrives as this error instead of killing the process with status 141.
/// - **Any other failure of standard output** (a full disk, `> /dev/full`, an I/O error, a closed descriptor)
///   is a ``VidClassError`` of category `.io` (exit 74) saying so in one sentence: the results were lost, so the
///   command must not exit 0.
/// - **Failures of standard error** are dropped: it only carries diagnostics, and there is nowhere left to say
///   that they were lost. The exit status still tells success from failure.
///
/// A descriptor 0, 1 or 2 that is closed when vidclass starts (`vidclass clip.mp4 >&-`) is pointed at
/// `/dev/null` by ``prepare()`` so no file opened later can take its number and receive the results by
/// mistake; a closed standard output is still treated as closed: the first write to it fails with exit 74.
enum StandardStreams {
    enum Stream {
        case output, error

        var descriptor: Int32 { self == .output ? STDOUT_FILENO : STDERR_FILENO }
        var name: String { self == .output ? "standard output" : "standard error" }
    }

    /// Standard output was closed when vidclass started (``prepare()`` put `/dev/null` in its place).
    nonisolated(unsafe) private(set) static var outputWasClosed = false

    /// Whether standard output and standard error are the same file, pipe or terminal (`2>&1`, or both left on
    /// the terminal), so a line written to either shows up in one place.
    static var outputIsErrorStream: Bool {
        var output = stat(), error = stat()
        guard !outputWasClosed, fstat(STDOUT_FILENO, &output) == 0, fstat(STDERR_FILENO, &error) == 0 else { return false }
        return output.st_dev == error.st_dev && output.st_ino == error.st_ino && output.st_rdev == error.st_rdev
    }

    /// Ignores SIGPIPE and fills closed descriptors 0, 1 and 2 with `/dev/null`. Call once, first thing.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            if descriptor == STDOUT_FILENO { outputWasClosed = true }
            // open() returns the lowest free number: this one, since the lower ones are open by now.
            let opened = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Writes `text` to `stream` whole; see the type's policy for what a failure does.
    static func write(_ text: String, to stream: Stream) throws(VidClassError) {
        try write(bytes: Array(text.utf8), to: stream)
    }

    /// Writes `bytes` to `stream` whole; see the type's policy for what a failure does.
    static func write(bytes: some ContiguousBytes, to stream: Stream) throws(VidClassError) {
        if stream == .output, outputWasClosed { throw failure(EBADF, on: stream) }
        let code = bytes.withUnsafeBytes { writeAll($0, to: stream.descriptor) }
        guard code != 0 else { return }
        if code == EPIPE, stream == .output { _exit(0) }
        guard stream == .output else { return }
        throw failure(code, on: stream)
    }

    /// Writes a diagnostic line to standard error; a failure is dropped (see the type's policy).
    static func report(_ text: String) {
        try? write(text, to: .error)
    }

    /// Forces standard output to disk when it is a file, so a completed command's results survive a crash;
    /// a full disk or an I/O error found only now is exit 74 like a failed write. Pipes and terminals need nothing.
    static func synchronizeOutput() throws(VidClassError) {
        guard !outputWasClosed, fsync(STDOUT_FILENO) != 0 else { return }
        let code = errno
        guard code == EIO || code == ENOSPC || code == EDQUOT else { return }
        throw failure(code, on: .output)
    }

    /// Writes all of `buffer` to `descriptor`, retrying after signals and waiting on a non-blocking descriptor;
    /// 0 when done, else the `errno` of the failure.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written > 0 {
                offset += written
                continue
            }
            let code = written < 0 ? errno : EIO
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&waiting, 1, -1)
                continue
            }
            return code
        }
        return 0
    }

    /// The one sentence for a failed write to `stream`: what happened and what to do.
    static func failure(_ code: Int32, on stream: Stream) -> VidClassError {
        let advice =
            switch code {
            case ENOSPC, EDQUOT: "no space left on device; free space or send \(stream.name) elsewhere"
            case EBADF: "it is closed; run vidclass with \(stream.name) open (not >&-) or redirected to a file"
            default: String(cString: strerror(code)).lowercased() + "; check where \(stream.name) goes"
            }
        return VidClassError(.io, "Writing to \(stream.name) failed: \(advice).")
    }
}
