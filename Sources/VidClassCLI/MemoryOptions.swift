import ArgumentParser
import VidClass

/// `--max-memory SIZE`, shared by the commands that convert frames: the job's ``MemoryBudget``.
struct MemoryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Most memory a job may plan for, e.g. 8G or 512M (suffixes K, M, G, T: powers of 1024). Default: half the physical memory.",
        transform: Self.bytes)
    var maxMemory: Int?

    var budget: MemoryBudget {
        maxMemory.map(MemoryBudget.init(bytes:)) ?? .default
    }

    /// Parses `SIZE`: a positive whole number of bytes with an optional K, M, G or T suffix.
    static func bytes(_ text: String) throws -> Int {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        let suffix = text.last.map { Character($0.uppercased()) }
        let multiplier = suffix.flatMap { multipliers[$0] } ?? 1
        let digits = multiplier == 1 ? Substring(text) : text.dropLast()
        guard let number = Int(digits), number >= 1,
            case (let bytes, false) = number.multipliedReportingOverflow(by: multiplier)
        else {
            throw ValidationError("--max-memory '\(text)' is not a size such as 8G or 512M; give a positive whole number with an optional K, M, G or T suffix.")
        }
        return bytes
    }
}
