import Foundation
import VidClass

extension Merge {
    /// Writes the features of a sharded `features` run to OUT, one row per input that could be read, in input
    /// order, copied bit for bit from the shards' arrays, with the sidecar of one run (the rows' inputs, the
    /// inputs left out and why, the run): OUT is byte for byte what one process writes. Returns the summary.
    func mergeFeatures(_ shards: ShardSet) throws(VidClassError) -> String {
        var rowsOfShard: [[ArraySlice<Float>]] = []
        var rowShape: [Int]?
        for (index, file) in shards.files.enumerated() {
            let kept = shards.markers[index].entries.filter { $0.error == nil }.count
            guard kept > 0 else {
                rowsOfShard.append([])
                continue
            }
            let redo = shards.markers[index].command(forShard: index, replacing: true)
            guard FileManager.default.fileExists(atPath: file.data) else {
                throw VidClassError(.missingInput, "\(file.data) is gone although its shard finished; run that shard again with: \(redo)")
            }
            let (shape, values) = try FeatureExport.read(contentsOf: file.data)
            let row = Array(shape.dropFirst())
            guard shape.first == kept, rowShape == nil || rowShape == row else {
                throw VidClassError(
                    .badData,
                    "\(file.data) holds an array \(shape) where its marker lists \(kept) rows of \(rowShape ?? row); run that shard again with: \(redo)")
            }
            rowShape = row
            let size = row.reduce(1, *)
            rowsOfShard.append((0..<kept).map { values[($0 * size)..<(($0 + 1) * size)] })
        }
        var values: [Float] = []
        var inputs: [String] = []
        var leftOut: [FeatureSidecar.LeftOut] = []
        var next = [Int](repeating: 0, count: shards.markers.count)
        for (shard, entry) in try shards.entriesInInputOrder() {
            if let error = entry.error {
                leftOut.append(FeatureSidecar.LeftOut(input: entry.input, error: error))
                continue
            }
            values += rowsOfShard[shard][next[shard]]
            next[shard] += 1
            inputs.append(entry.input)
        }
        guard let rowShape, !inputs.isEmpty else {
            throw VidClassError(.badData, "None of the inputs of \(output)'s shards could be read (their markers say why); nothing was written.")
        }
        // The run of the whole: what each shard ran, without the shard and its file format.
        var run = shards.run
        run.shard = nil
        run.options.format = nil
        let shape = [inputs.count] + rowShape
        try FeatureExport.write(
            shape: shape, values: values, inputs: inputs, run: run, leftOut: leftOut, perFrame: rowShape.count == 2,
            to: output, overwrite: force)
        return "\(output): \(shape.map(String.init).joined(separator: " x ")) float32 from \(shards.markers.count) shards (inputs left out: \(leftOut.count))"
    }
}
