import Foundation
import VidClass

extension Merge {
    /// Writes the records of a sharded `classify` run to OUT: the run header of the whole run (no shard), then
    /// each input's record in input order, the bytes each shard wrote. Returns the summary line.
    ///
    /// Each shard's file must start with its shard's run header and hold one record per input its marker lists;
    /// records are matched to inputs by name (a name given twice takes its records in order).
    func mergeRecords(_ shards: ShardSet) throws(VidClassError) -> String {
        var records: [[String: [Substring]]] = []
        for (index, file) in shards.files.enumerated() {
            records.append(try Self.records(in: file, marker: shards.markers[index]))
        }
        var text = RunHeader(run: shards.run).line
        var errors = 0
        for (shard, entry) in try shards.entriesInInputOrder() {
            guard let line = records[shard][entry.input]?.first else {
                throw VidClassError(
                    .badData,
                    "\(shards.files[shard].data) has no record for \(entry.input); run that shard again with: \(shards.markers[0].command(forShard: shard))"
                )
            }
            records[shard][entry.input]?.removeFirst()
            if line.contains("\"error\":{") { errors += 1 }
            text += line + "\n"
        }
        try AtomicFile.write(Array(text.utf8), to: output, overwrite: force)
        let count = shards.markers.reduce(0) { $0 + $1.entries.count }
        return "\(output): \(count) records from \(shards.markers.count) shards (\(errors) of them errors)"
    }

    /// The records of one shard's file by input, after checking its header is its marker's.
    private static func records(in file: ShardFiles, marker: ShardMarker) throws(VidClassError) -> [String: [Substring]] {
        guard let data = FileManager.default.contents(atPath: file.data) else {
            throw VidClassError(
                .missingInput, "\(file.data) is gone although its shard finished; run that shard again with: \(marker.command(forShard: file.shard.index, replacing: true))")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let first = lines.first, let header = RunHeader(line: Array(first.utf8)),
            header.matches(RunHeader(run: marker.vidclass))
        else {
            throw VidClassError(
                .badData,
                "\(file.data) does not start with the run header its marker \(file.marker) names; run that shard again with: \(marker.command(forShard: file.shard.index, replacing: true))"
            )
        }
        var byInput: [String: [Substring]] = [:]
        for line in lines.dropFirst() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let input = object["input"] as? String
            else { continue }
            byInput[input, default: []].append(line)
        }
        return byInput
    }
}
