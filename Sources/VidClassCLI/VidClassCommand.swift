import ArgumentParser
import Foundation
import VidClass

/// `vidclass`: video classification on the CPU. `classify` is the default subcommand, so
/// `vidclass clip.mp4` classifies `clip.mp4`.
@main
struct VidClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vidclass",
        abstract: "Classify videos on the CPU: sample frames, run a pretrained CNN, pool over time.",
        discussion: """
            Examples:
              vidclass clip.mp4                                top-5 labels from 16 frames
              vidclass clip.mp4 --format json                  the same, as JSON
              ffmpeg -i in.mov -f matroska - | vidclass -      a video piped in
              vidclass probe clip.mp4 --count                  metadata, exact frame count
              vidclass frames clip.mp4 --frames 8 --out f/     the sampled frames as PNG
              vidclass videos/ --output runs.jsonl             a folder as a batch
              vidclass train clips/ --out mine.safetensors     a head for clips/LABEL/*.mp4
              vidclass clip.mp4 --model mine.safetensors       classify with it
              vidclass clip.mp4 --model kinetics400            actions (Kinetics-400 I3D)
              vidclass timeline long.mp4 --window 2s --hop 1s  labels over time
              vidclass models                                  the installed models
              vidclass v/ --output r.jsonl --shard 2/4         a quarter of v/, then merge
              vidclass serve --port 8080                       HTTP service and a page

            Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 69 some inputs of a batch failed, 70 internal error, 73 output cannot be written as asked (exists, in use by another run, not a regular file, or not the same run for --resume), 74 I/O error (also when standard output cannot be written: full, closed); 130 and 143 after Ctrl-C or SIGTERM (serve stops gracefully and exits 0). When the reader of standard output goes away (vidclass ... | head), vidclass stops quietly with 0.
            """,
        version: VidClassVersion.current,
        subcommands: [
            Classify.self, Probe.self, Frames.self, TimelineCommand.self, Features.self, Train.self, Eval.self,
            Convert.self, ModelsCommand.self, Merge.self, Serve.self,
        ],
        defaultSubcommand: Classify.self
    )

    /// Runs the tool as ArgumentParser's own `main` does, but prints through ``StandardStreams`` (so a failed
    /// write is exit 74, a closed pipe a quiet exit, never a crash), after ``StandardStreams/prepare()``.
    /// Help and `--version` go to standard output, other parsing errors to standard error.
    static func main() {
        StandardStreams.prepare()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if !message.isEmpty {
                do {
                    try StandardStreams.write(message + "\n", to: code == 0 ? .output : .error)
                } catch {
                    let failure = VidClassError(error)
                    StandardStreams.report("vidclass: \(failure.commandLineMessage)\n")
                    Glibc.exit(failure.exitCode)
                }
            }
            Glibc.exit(code)
        }
        Glibc.exit(0)
    }
}
