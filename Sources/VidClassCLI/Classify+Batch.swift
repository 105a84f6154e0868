import ArgumentParser
import VidClass

extension Classify {
    /// Runs a batch: the inputs not yet in `--output` (all of them without `--resume`) through a
    /// ``BatchRunner`` within the `--threads` budget, one record each in input order, with a progress bar on a
    /// terminal (cleared before each line printed). Per-input errors are records (and one line on standard
    /// error, unless a text record already lands where standard error goes); the exit code is 69 when any input
    /// of the batch failed, including failures recorded by an earlier, resumed run. With `--output`, one summary line on standard error ends the batch (see
    /// ``BatchTally``), and SIGINT or SIGTERM stop it with a line saying how to resume (see ``Interruption``).
    ///
    /// With `--shard`, only the shard's inputs run, into the shard's own file, and a finished shard writes its
    /// completion marker and exits 0 whatever its inputs did (see ``ShardMarker``).
    func runBatch(_ allInputs: [String], classifier: VideoClassifier, options classify: ClassifyOptions) throws {
        let plan = try sharding.resolved().map { ShardPlan(inputs: allInputs, shard: $0) }
        let shardFiles = plan.map { ShardFiles(output: self.output ?? "-", shard: $0.shard) }
        let inputs = plan.map { $0.positions.map { allInputs[$0] } } ?? allInputs
        let output = shardFiles?.data ?? self.output
        var header: RunHeader?
        let file = try output.map { path throws(VidClassError) in
            var made = try RunHeader(
                bundle: classifier.bundle, digest: try classifier.bundle.fileDigest(), options: classify, format: outputFormat)
            made.run.shard = plan?.description
            header = made
            return try RecordFile(path: path, mode: resume ? .resume : force ? .replace : .create, header: made)
        }
        if let shardFiles { try ShardFiles.remove(shardFiles.marker) }
        if let file, file.repairedBytes > 0 {
            Failure.report(
                "\(file.path) ended in a partial record (\(file.repairedBytes) bytes, cut short by an interruption); removed it, and its input will be classified again.")
        }
        let pending = file?.pending(inputs) ?? inputs
        let tally = BatchTally(
            output: output ?? "-", skipped: inputs.count - pending.count, skippedFailures: file?.recordedFailures ?? 0)
        let interruption = file.flatMap { $0.isStandardOutput ? nil : Interruption(file: $0, tally: tally) }
        var printer = ResultPrinter(format: outputFormat, top: top, batch: true, file: file)
        var progress = ProgressBar(total: inputs.count)
        let printsToTerminalStream = file?.isStandardOutput ?? true
        // A text record already says "error: …" where standard error goes; a second line there would repeat it.
        let errorRecordReachesStandardError = outputFormat == .text && printsToTerminalStream && StandardStreams.outputIsErrorStream
        var done = inputs.count - pending.count
        var failures = tally.skippedFailures
        let options = BatchOptions(classify: classify, threads: threads, timeout: classify.timeout)
        progress.update(done: done, failures: failures)
        try BatchRunner(classifier: classifier, options: options).run(pending.map(videoInput)) { (record) throws(VidClassError) in
            // Standard output and standard error may be the same terminal: a result must not land on the bar's line.
            if printsToTerminalStream { progress.clear() }
            try tally.record(failed: record.error != nil) { () throws(VidClassError) in
                switch record.outcome {
                case .success(let result):
                    try printer.print(result)
                case .failure(let error):
                    failures += 1
                    progress.clear()
                    if !errorRecordReachesStandardError { Failure.report("\(record.input): \(error.commandLineMessage)") }
                    try printer.print(input: record.input, error: error)
                }
            }
            done += 1
            progress.update(done: done, failures: failures)
        }
        progress.finish()
        try printer.finish()
        withExtendedLifetime(interruption) {}
        if file != nil { Failure.report(tally.summary) }
        if let plan, let shardFiles, let header {
            let entries = plan.positions.map { ShardMarker.Entry(position: $0, input: allInputs[$0]) }
            return try ShardMarker(run: header.run, entries: entries).write(to: shardFiles.marker)
        }
        if tally.anyFailed { throw ExitCode(69) }
    }
}
