extension Shard {
    /// The variable a Kubernetes Indexed Job manifest sets to its `completions`, since Kubernetes itself tells a
    /// pod only its own index.
    public static let countVariable = "VIDCLASS_SHARD_COUNT"

    /// The shard a job engine assigned to this process (`--shard auto`), from its environment variables:
    ///
    /// - **Slurm job arrays** (`sbatch --array=0-3`): the index is `SLURM_ARRAY_TASK_ID` minus the array's
    ///   first index `SLURM_ARRAY_TASK_MIN`, divided by its step `SLURM_ARRAY_TASK_STEP` (so `--array=1-4` and
    ///   `--array=0-6:2` both give shards 0…3); the count is `SLURM_ARRAY_TASK_COUNT`. An array with gaps
    ///   (`--array=1,5,9`) has no such numbering and is refused.
    /// - **Kubernetes Indexed Jobs**: the index is `JOB_COMPLETION_INDEX`; the count is `count` when given (an
    ///   option), else the variable ``countVariable`` that the manifest sets.
    ///
    /// Slurm wins when both are present (a Slurm job started inside a pod).
    /// - Throws: ``VidClassError`` `.usage` with one sentence when neither engine's variables are there, or
    ///   they are malformed.
    public init(environment: [String: String], count: Int? = nil) throws(VidClassError) {
        if let task = environment["SLURM_ARRAY_TASK_ID"] {
            try self.init(slurmTask: task, environment: environment)
        } else if let index = environment["JOB_COMPLETION_INDEX"] {
            guard let position = Int(index) else {
                throw VidClassError(.usage, "JOB_COMPLETION_INDEX (\(index)) is not a whole number; check the Job's manifest.")
            }
            guard let total = count ?? environment[Self.countVariable].flatMap(Int.init) else {
                throw VidClassError(
                    .usage,
                    "--shard auto in a Kubernetes Indexed Job needs the shard count: set \(Self.countVariable) to the Job's completions in the manifest, or pass --shard-count N."
                )
            }
            try self.init(index: position, count: total)
        } else {
            throw VidClassError(
                .usage,
                "--shard auto found neither a Slurm array task (SLURM_ARRAY_TASK_ID) nor a Kubernetes Indexed Job (JOB_COMPLETION_INDEX); pass --shard K/N instead."
            )
        }
    }

    private init(slurmTask task: String, environment: [String: String]) throws(VidClassError) {
        func number(_ name: String, default value: Int? = nil) throws(VidClassError) -> Int {
            guard let text = environment[name] else {
                if let value { return value }
                throw VidClassError(.usage, "\(name) is not set although SLURM_ARRAY_TASK_ID is; run inside an sbatch --array job, or pass --shard K/N.")
            }
            guard let parsed = Int(text) else {
                throw VidClassError(.usage, "\(name) (\(text)) is not a whole number; pass --shard K/N instead.")
            }
            return parsed
        }
        let id = try number("SLURM_ARRAY_TASK_ID")
        let first = try number("SLURM_ARRAY_TASK_MIN", default: 0)
        let step = max(1, try number("SLURM_ARRAY_TASK_STEP", default: 1))
        let count = try number("SLURM_ARRAY_TASK_COUNT")
        let offset = id - first
        guard offset >= 0, offset % step == 0, offset / step < count else {
            throw VidClassError(
                .usage,
                "Slurm array task \(id) is not one of \(count) evenly spaced tasks from \(first) (step \(step)); use a range such as --array=0-\(count - 1), or pass --shard K/N."
            )
        }
        try self.init(index: offset / step, count: count)
    }
}
