/// Levenshtein distance between names, for "did you mean" suggestions.
///
/// ```swift
/// EditDistance.between("imagnet", "imagenet")                                // 1
/// EditDistance.toPrefix(of: "kinetics400", from: "kinetcs")                  // 1 ("kinetics")
/// EditDistance.closest(to: "kinetics", among: ["imagenet", "kinetics400"])   // ["kinetics400"]
/// ```
///
/// Case is ignored (`Kinetics400` is 0 from `kinetics400`, but still not the same name). Cost: O(a·b) per pair.
enum EditDistance {
    /// The fewest single-character insertions, deletions and substitutions that turn `a` into `b`, ignoring case.
    static func between(_ a: String, _ b: String) -> Int {
        lastRow(a, b)[b.count]
    }

    /// The distance from `a` to the nearest prefix of `b`: how far `a` is from being `b` typed short.
    static func toPrefix(of b: String, from a: String) -> Int {
        lastRow(a, b).min() ?? 0
    }

    /// The last row of the Wagner–Fischer table: entry `j` is the distance from `a` to the first `j` characters of
    /// `b`.
    private static func lastRow(_ a: String, _ b: String) -> [Int] {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous
    }

    /// The candidates nearest to `name` as typed, possibly short (``toPrefix(of:from:)``), all of them when
    /// several tie; none when even the nearest needs more than a third of `name`'s length in edits (at least 1),
    /// so a suggestion is always plausible: `kinetcs` and `kinetics` suggest `kinetics400`, `resnet50` nothing.
    static func closest(to name: String, among candidates: [String]) -> [String] {
        let limit = max(1, name.count / 3)
        let scored = candidates.map { ($0, toPrefix(of: $0, from: name)) }
        guard let best = scored.map(\.1).min(), best <= limit else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }
}
