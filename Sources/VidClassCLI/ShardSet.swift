import Foundation
import VidClass

/// The finished shards of one sharded run, found beside its output `OUT` and checked to belong together,
/// ready to merge: every shard 0…N−1 present and finished, all of one split of one input list, one model and
/// one set of options.
///
/// Each refusal is one sentence (``VidClassError``) naming the shard and, for a shard to run again, the exact
/// command that runs just that shard (built from a finished shard's ``ShardMarker``): with `--resume`, which
/// continues where an unfinished shard stopped, or with `--force` for a shard of another run.
struct ShardSet {
    let output: String
    /// The markers of shards 0…N−1, in order.
    let markers: [ShardMarker]
    /// Their files.
    let files: [ShardFiles]

    /// The shared run description of the whole run (no shard).
    var run: RunDescription {
        var whole = markers[0].vidclass
        whole.shard = nil
        return whole
    }

    /// Finds and checks the shards of `output`.
    /// - Throws: ``VidClassError`` `.missingInput` (66) when no shard is there or one is missing or unfinished,
    ///   `.badData` (65) when shards of different runs are mixed; other problems are reported on standard
    ///   error (one line each) before the last is thrown.
    init(output: String) throws(VidClassError) {
        self.output = output
        let present = ShardFiles.present(besides: output)
        let counts = Set(present.map { $0[1] }).sorted()
        guard let count = counts.first else {
            throw VidClassError(
                .missingInput,
                "No shards of \(output) were found (such as \(ShardFiles(output: output, shard: try Shard(index: 0, count: 2)).data)); run classify --output \(output) or features --out \(output) with --shard K/N first."
            )
        }
        guard counts.count == 1 else {
            throw VidClassError(
                .badData,
                "Beside \(output) lie shards of runs split \(counts.map(String.init).joined(separator: " and ")) ways; remove the files of the run you do not want (name.shard-K-of-N.*), then merge again."
            )
        }
        files = try (0..<count).map { index throws(VidClassError) in ShardFiles(output: output, shard: try Shard(index: index, count: count)) }
        var loaded: [ShardMarker?] = []
        for file in files {
            loaded.append(FileManager.default.fileExists(atPath: file.marker) ? try ShardMarker.read(file.marker) : nil)
        }
        guard let reference = loaded.compactMap({ $0 }).first else {
            throw VidClassError(
                .missingInput,
                "None of the \(count) shards of \(output) has finished; run each with its command and --shard K/\(count) (K from 0 to \(count - 1)), adding --resume to those that started, then merge again."
            )
        }
        var problems: [VidClassError] = []
        for (file, marker) in zip(files, loaded) {
            if let problem = Self.problem(with: marker, file: file, reference: reference) { problems.append(problem) }
        }
        if let last = problems.popLast() {
            problems.forEach { Failure.report($0.message) }
            throw last
        }
        markers = loaded.compactMap { $0 }
    }

    /// What keeps shard `file` from being merged with `reference`'s shards, as one sentence; nil when nothing.
    private static func problem(with marker: ShardMarker?, file: ShardFiles, reference: ShardMarker) -> VidClassError? {
        let shard = file.shard
        let name = "Shard \(shard.index) of \(shard.count) (\(file.data))"
        guard let marker else {
            let started = FileManager.default.fileExists(atPath: file.data)
            return VidClassError(
                .missingInput,
                "\(name) \(started ? "has not finished" : "is missing"); run it with: \(reference.command(forShard: shard.index)) — then merge again."
            )
        }
        let redo = reference.command(forShard: shard.index, replacing: true)
        let mine = marker.vidclass, theirs = reference.vidclass
        guard let description = mine.shard, let expected = theirs.shard, description.isSibling(of: expected),
            description.index == shard.index
        else {
            return VidClassError(
                .badData,
                "\(name) is from another input list (\(mine.shard.map { "\($0.inputs) inputs, sha256 \($0.inputsSHA256.prefix(12))…" } ?? "none") where shard \(reference.vidclass.shard?.index ?? 0) has \(theirs.shard.map { "\($0.inputs) inputs, sha256 \($0.inputsSHA256.prefix(12))…" } ?? "none")); redo it with: \(redo)"
            )
        }
        guard mine.model.sha256 == theirs.model.sha256 else {
            return VidClassError(
                .badData,
                "\(name) was made with another model (\(mine.model.name), sha256 \(mine.model.sha256.prefix(12))… where shard \(expected.index) used \(theirs.model.name), sha256 \(theirs.model.sha256.prefix(12))…); redo it with: \(redo)"
            )
        }
        guard mine.options == theirs.options else {
            let differences = RunHeader(run: mine).differences(from: RunHeader(run: theirs)).joined(separator: ", ")
            return VidClassError(
                .badData, "\(name) was made with other options than shard \(expected.index) (\(differences)); redo it with: \(redo)")
        }
        return nil
    }

    /// Every entry of every shard, in input order, with the shard it came from; checks they cover each
    /// position of the input list exactly once.
    func entriesInInputOrder() throws(VidClassError) -> [(shard: Int, entry: ShardMarker.Entry)] {
        let total = markers[0].vidclass.shard?.inputs ?? 0
        var placed = [(shard: Int, entry: ShardMarker.Entry)?](repeating: nil, count: total)
        for (index, marker) in markers.enumerated() {
            for entry in marker.entries {
                guard placed.indices.contains(entry.position), placed[entry.position] == nil else {
                    throw VidClassError(
                        .badData,
                        "\(files[index].marker) lists input position \(entry.position) twice or out of range; redo that shard with: \(markers[0].command(forShard: index, replacing: true))"
                    )
                }
                placed[entry.position] = (index, entry)
            }
        }
        guard let gap = placed.firstIndex(where: { $0 == nil }) else { return placed.compactMap { $0 } }
        throw VidClassError(
            .badData, "No shard of \(output) holds input number \(gap + 1) of \(total); the shards disagree on the input list, so run them again from one list.")
    }
}
