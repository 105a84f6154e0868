import Foundation
import VidClass

/// The completion marker of a shard (`OUT.shard-K-of-N.EXT.done`, for OUT = `OUT.EXT`): written whole, last, once the shard's output is
/// complete, so its presence means "finished". It says which run the shard belongs to, how to run it again,
/// and which inputs it handled, where they stand in the whole input list, so `merge` can put every record or
/// row back in input order.
///
/// ```json
/// {"command":["vidclass","clips/","--output","r.jsonl","--shard","1/4"],"directory":"/data",
///  "entries":[{"input":"clips/b.mp4","position":1},{"error":"…","input":"clips/f.mp4","position":5}],
///  "vidclass":{"model":{…},"options":{…},"shard":{"count":4,"index":1,"inputs":12,"inputs_sha256":"…"},…}}
/// ```
///
/// For `features`, an entry with an `error` is an input left out of the shard's array; the others are its rows,
/// in order. For `classify`, every entry has a record in the shard's file (errors are records there).
struct ShardMarker: Codable {
    struct Entry: Codable {
        /// Where the input stands in the whole run's input list.
        var position: Int
        var input: String
        /// Why the input has no row (features only).
        var error: String?
    }

    /// The run, with its ``ShardDescription``.
    var vidclass: RunDescription
    /// The arguments the shard ran with, `vidclass` first.
    var command: [String]
    /// The working folder it ran in (inputs and outputs may be relative to it).
    var directory: String
    var entries: [Entry]

    /// The marker of a shard that ran `run` over `entries`, with this process's command line and folder.
    init(run: RunDescription, entries: [Entry]) {
        vidclass = run
        command = CommandLine.arguments
        directory = FileManager.default.currentDirectoryPath
        self.entries = entries
    }

    /// Writes the marker (replacing an older one of the same shard).
    func write(to path: String) throws(VidClassError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        try AtomicFile.write(Array(data) + [0x0A], to: path, overwrite: true)
    }

    /// Reads the marker at `path`.
    /// - Throws: ``VidClassError`` `.badData` when it is not a marker (a partial copy, another program's file).
    static func read(_ path: String) throws(VidClassError) -> ShardMarker {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VidClassError(.io, "\(path) could not be read; check its permissions.")
        }
        guard let marker = try? JSONDecoder().decode(ShardMarker.self, from: data), marker.vidclass.shard != nil else {
            throw VidClassError(.badData, "\(path) is not a vidclass shard marker; delete it and run that shard again.")
        }
        return marker
    }

    /// The command that runs shard `index` of this run again: this one's arguments with `--shard index/count`
    /// (in place of `auto` too), `--resume` instead of `--force` unless `replacing` (for a shard file from
    /// another run, which `--resume` refuses), shell-quoted, preceded by `cd DIR &&` when run elsewhere.
    func command(forShard index: Int, replacing: Bool = false) -> String {
        let count = vidclass.shard?.count ?? 1
        var words: [String] = []
        var arguments = command[...]
        while let word = arguments.popFirst() {
            if word == "--shard" || word == "--shard-count" {
                _ = arguments.popFirst()
            } else if word.hasPrefix("--shard=") || word.hasPrefix("--shard-count=") || word == "--force" || word == "--resume" {
                continue
            } else {
                words.append(word)
            }
        }
        words += ["--shard", "\(index)/\(count)", replacing ? "--force" : "--resume"]
        let line = words.map(Interruption.shellQuoted).joined(separator: " ")
        let here = FileManager.default.currentDirectoryPath
        return directory == here ? line : "cd \(Interruption.shellQuoted(directory)) && \(line)"
    }
}
