import Foundation
import Testing

/// Compares what one leg of a case delivered with the CLI's frames and records one issue listing what was wrong.
///
/// In exact mode request `r` must come back once, as frame `r`, with the CLI's `r`-th picture. In keyframe mode
/// it must come back once, as a keyframe `k` of the reader's index, with the CLI's `k`-th picture. A wrong
/// picture is named by the CLI frame it equals, if any, which tells a frame-numbering bug (the picture of a
/// neighbour) from a decoding bug (a picture the CLI never shows); the issue opens with a tally of these kinds,
/// e.g. `not delivered ×2, picture of frame −2 ×20`, so the pattern shows before the details.
struct LegVerdict {
    var caseName: String
    var leg: String
    var reference: CLIReference

    /// Records an issue when `deliveries` do not answer `requests` as described above.
    func check(
        _ deliveries: [Delivery], requests: [Int], keyframes: Set<Int>? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let byRequest = Dictionary(grouping: deliveries, by: \.requestedIndex)
        var wrong: [(request: Int, kind: String, why: String)] = []
        for request in requests {
            guard let answers = byRequest[request] else {
                wrong.append((request, "not delivered", "not delivered"))
                continue
            }
            if answers.count > 1 { wrong.append((request, "delivered more than once", "delivered \(answers.count) times")) }
            let got = answers[0]
            let expected = keyframes == nil ? request : got.index
            var problems: [String] = []
            var kind = ""
            if let keyframes {
                if !keyframes.contains(got.index) {
                    problems.append("index \(got.index) is not a keyframe")
                    kind = "index not a keyframe"
                }
            } else if got.index != request {
                problems.append("index \(got.index)")
                kind = "index ≠ request"
            }
            if expected < 0 || expected >= reference.frames.count || got.pixels != reference.frames[expected] {
                problems.append("pixels \(describe(got))")
                kind = kind.isEmpty ? pictureKind(got, expected: expected) : kind
            }
            if !problems.isEmpty {
                let at = String(format: "%.4f", got.timestamp)
                wrong.append((request, kind, "\(problems.joined(separator: ", ")) [got index \(got.index) at \(at) s, expected CLI frame \(expected)]"))
            }
        }
        for extra in Set(byRequest.keys).subtracting(requests).sorted() {
            wrong.append((extra, "never requested", "delivered but never requested"))
        }
        guard !wrong.isEmpty else { return }
        let kinds = Dictionary(grouping: wrong, by: \.kind).sorted { $0.value.count > $1.value.count }
            .map { "\($0.key) ×\($0.value.count)" }.joined(separator: ", ")
        let details = wrong.prefix(6).map { "  requested \($0.request): \($0.why)" }.joined(separator: "\n")
        Issue.record(
            """
            \(caseName) [\(leg)]: \(wrong.count) of \(requests.count) requests wrong (CLI has \(reference.frames.count) frames): \
            \(kinds); failing requests \(wrong.map(\.request)); first:
            \(details)
            """, sourceLocation: sourceLocation)
    }

    /// A wrong picture's kind, for the summary: the picture of a frame `k` away (a numbering bug), or of no frame
    /// the CLI shows (a decoding bug).
    private func pictureKind(_ delivery: Delivery, expected: Int) -> String {
        guard delivery.width == reference.width, delivery.height == reference.height else { return "picture of another size" }
        guard let match = reference.frames(matching: delivery.pixels).min(by: { abs($0 - expected) < abs($1 - expected) }) else {
            return "picture of no CLI frame"
        }
        let offset = match - expected
        return "picture of frame \(offset < 0 ? "−" : "+")\(abs(offset))"
    }

    /// Which CLI frame a delivered picture equals, or that it equals none (or has another size).
    private func describe(_ delivery: Delivery) -> String {
        if delivery.width != reference.width || delivery.height != reference.height {
            return "are \(delivery.width)x\(delivery.height), the CLI's \(reference.width)x\(reference.height)"
        }
        let matches = reference.frames(matching: delivery.pixels)
        return matches.isEmpty ? "equal no CLI frame" : "equal CLI frame \(matches.prefix(4).map(String.init).joined(separator: "/"))"
    }

    /// Records that the leg threw instead of delivering.
    func threw(_ error: any Error, sourceLocation: SourceLocation = #_sourceLocation) {
        Issue.record("\(caseName) [\(leg)]: threw \(error)", sourceLocation: sourceLocation)
    }
}
