import Foundation
import VidClass

/// Where the shards of a run with output `OUT` live: beside `OUT`, named after it, so `merge OUT` finds them.
///
/// ```
/// results.jsonl  →  results.shard-2-of-4.jsonl   the shard's records (or features: emb.shard-2-of-4.npy)
///                   results.shard-2-of-4.jsonl.done   its completion marker (``ShardMarker``), written last
/// ```
///
/// The marker's name keeps the data file's whole name, so the shards of `r.jsonl` and of `r.npy` (a classify
/// and a features run over the same folder, as a job script may do) never share one.
struct ShardFiles {
    /// OUT, as given.
    let output: String
    let shard: Shard

    /// The shard's own output: its records, or its features array.
    var data: String { Self.name(output, shard.index, shard.count, suffix: Self.split(output).suffix) }
    /// The completion marker, present only once the shard finished.
    var marker: String { data + ".done" }

    /// `OUT` without its extension, and the extension with its dot (`""` when it has none).
    static func split(_ output: String) -> (stem: String, suffix: String) {
        let nameStart = output.lastIndex(of: "/").map { output.index(after: $0) } ?? output.startIndex
        guard let dot = output[nameStart...].lastIndex(of: "."), dot > nameStart else { return (output, "") }
        return (String(output[..<dot]), String(output[dot...]))
    }

    private static func name(_ output: String, _ index: Int, _ count: Int, suffix: String) -> String {
        "\(split(output).stem).shard-\(index)-of-\(count)\(suffix)"
    }

    /// The shard files beside `output`, as (index, count) pairs, from their names: data files and markers alike.
    static func present(besides output: String) -> Set<[Int]> {
        let folder = output.lastIndex(of: "/").map { String(output[..<$0]) } ?? "."
        let (stem, suffix) = split(output)
        let prefix = String(stem.split(separator: "/", omittingEmptySubsequences: false).last ?? "") + ".shard-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "/" : folder)) ?? []
        var found: Set<[Int]> = []
        for name in names where name.hasPrefix(prefix) {
            var rest = name.dropFirst(prefix.count)
            if rest.hasSuffix(".done") { rest = rest.dropLast(5) }
            guard rest.hasSuffix(suffix) else { continue }
            rest = rest.dropLast(suffix.count)
            let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "of", let index = Int(parts[0]), let count = Int(parts[2]) else { continue }
            found.insert([index, count])
        }
        return found
    }

    /// Removes a shard file if it is there: the marker as a shard starts, so a shard run again counts as
    /// unfinished until it ends.
    static func remove(_ path: String) throws(VidClassError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw VidClassError(.cannotCreate, "\(path) could not be removed (\(String(cString: strerror(errno)))); check the folder's permissions.")
        }
    }
}
