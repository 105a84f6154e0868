import ArgumentParser
import Foundation
import VidClass

extension Features {
    /// Computes one shard of a sharded run: the features of the shard's inputs into `OUT.shard-K-of-N` (no
    /// array when none could be read), then the completion marker listing each input's position in the whole
    /// list and, for those left out, why. Exits 0 once finished, whatever the inputs did.
    ///
    /// A shard's files are refused when they exist, unless `--resume` (the shard again, with the cache
    /// sparing the inputs already computed; refused when the finished shard belongs to another run) or
    /// `--force`.
    func runShard(_ plan: ShardPlan) throws {
        let files = ShardFiles(output: out, shard: plan.shard)
        let existing = [files.data, files.marker].filter { FileManager.default.fileExists(atPath: $0) }
        if let first = existing.first, !force, !resume {
            throw VidClassError(
                .cannotCreate, "\(first) already exists; pass --resume to finish that shard, --force to replace it, or choose another --out.")
        }
        let extractor = try makeExtractor()
        let strategy = extractor.bundle.metadata.samplingStrategy(for: sampling.request)
        var run = try runDescription(extractor, strategy: strategy)
        run.options.format = String(ShardFiles.split(out).suffix.dropFirst()) + (perFrame ? " per-frame" : "")
        run.shard = plan.description
        if resume, FileManager.default.fileExists(atPath: files.marker) {
            let earlier = try ShardMarker.read(files.marker).vidclass
            guard RunHeader(run: run).matches(RunHeader(run: earlier)) else {
                let differences = RunHeader(run: run).differences(from: RunHeader(run: earlier)).joined(separator: ", ")
                throw VidClassError(
                    .cannotCreate, "\(files.marker) is from a run with other settings (\(differences)); pass --force to replace that shard, or choose another --out.")
            }
        }
        try ShardFiles.remove(files.marker)
        let inputs = plan.positions.map { self.inputs[$0] }
        let (rows, _, failures) = extract(inputs, extractor: extractor, strategy: strategy)
        if rows.isEmpty {
            try ShardFiles.remove(files.data)
            try ShardFiles.remove(FeatureSidecar.path(besideArray: files.data))
        } else {
            try FeatureExport.write(
                rows, inputs: inputs.indices.filter { i in !failures.contains { $0.index == i } }.map { inputs[$0] },
                run: run, leftOut: failures.map { FeatureSidecar.LeftOut(input: inputs[$0.index], error: $0.error.message) },
                perFrame: perFrame, to: files.data, overwrite: true)
        }
        let errors = Dictionary(failures.map { ($0.index, $0.error.message) }, uniquingKeysWith: { first, _ in first })
        let entries = plan.positions.enumerated().map { offset, position in
            ShardMarker.Entry(position: position, input: self.inputs[position], error: errors[offset])
        }
        try ShardMarker(run: run, entries: entries).write(to: files.marker)
        try StandardStreams.write(
            "\(files.data): shard \(plan.shard) done, \(rows.count) rows, inputs left out: \(failures.count)\n", to: .output)
    }
}
