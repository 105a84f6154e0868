import Hummingbird
import VidClass

/// A request's query parameters, read with the command line's names, ranges and sentences, so that
/// `?frames=8&sampling=stride&stride=4` means what `--frames 8 --sampling stride --stride 4` means.
///
/// ```swift
/// let query = try QueryParameters(request, allowed: QueryParameters.sampling + ["model", "top"])
/// let top = try query.integer("top", in: 1...1000) ?? 5
/// ```
///
/// A parameter given twice, or one the route does not know, is a usage error (400) naming it: a typo must not
/// silently fall back to a default.
struct QueryParameters {
    private let values: [String: String]

    /// The parameters every sampling route takes (`classify`, `features`).
    static let sampling = ["frames", "sampling", "stride", "seek", "clips", "seed", "out-of-range"]

    init(_ request: Request, allowed: [String]) throws(APIError) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let (key, value) = (String(key), String(value))
            guard allowed.contains(key) else {
                throw APIError.usage("Unknown query parameter '\(key)'; this route takes \(allowed.joined(separator: ", ")).")
            }
            guard values[key] == nil else { throw APIError.usage("The query parameter '\(key)' is given twice; give it once.") }
            values[key] = value
        }
        self.values = values
    }

    /// The raw text of `name`, when given.
    func text(_ name: String) -> String? { values[name] }

    /// An integer in `range`, when given.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.usage("\(name) (\(text)) must be a whole number between \(range.lowerBound) and \(range.upperBound).")
        }
        return value
    }

    /// One of a choice's spellings (`sampling=uniform`), when given.
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, _: Choice.Type) throws(APIError) -> Choice?
    where Choice.RawValue == String {
        guard let text = values[name] else { return nil }
        guard let value = Choice(rawValue: text) else {
            throw APIError.usage("\(name) (\(text)) must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }

    /// A flag: `1`, `true` or `yes` (and an empty value, `?name`) are true; absent, `0`, `false` or `no` false.
    func flag(_ name: String) throws(APIError) -> Bool {
        switch values[name]?.lowercased() {
        case nil, "0", "false", "no": return false
        case "", "1", "true", "yes": return true
        case let text?: throw APIError.usage("\(name) (\(text)) must be true or false.")
        }
    }

    /// A duration in seconds written as the command line takes it: `2`, `2s`, `1.5s` or `500ms`.
    func seconds(_ name: String) throws(APIError) -> Double? {
        guard let text = values[name] else { return nil }
        let (number, scale) =
            text.hasSuffix("ms") ? (text.dropLast(2), 0.001) : text.hasSuffix("s") ? (text.dropLast(), 1.0) : (Substring(text), 1.0)
        guard let value = Double(number), value.isFinite, value > 0 else {
            throw APIError.usage("\(name) ('\(text)') is not a duration; write seconds like 2, 2s, 1.5s or 500ms.")
        }
        return value * scale
    }

    /// The sampling asked for, as `SamplingOptions` of the command line reads it: `frames`, `sampling`, `stride`,
    /// `clips`, `seed`, `out-of-range` (the model fills in what is left out).
    func samplingRequest() throws(APIError) -> SamplingRequest {
        let request = SamplingRequest(
            method: try choice("sampling", SamplingRequest.Method.self), frames: try integer("frames", in: 1...10_000),
            step: try integer("stride", in: 1...100_000), outOfRange: try choice("out-of-range", OutOfRangePolicy.self),
            seed: try integer("seed", in: 0...Int.max).map(UInt64.init), clips: try integer("clips", in: 1...100))
        if request.clips != nil, let method = request.method, method != .stride {
            throw APIError.usage("clips spreads strided clips; drop it or use sampling=stride.")
        }
        return request
    }

    /// `seek`: exact (the default) or keyframe.
    func seek() throws(APIError) -> SeekMode { try choice("seek", SeekMode.self) ?? .exact }
}
