import Foundation

/// The one JSON encoding of vidclass's records (a ``Classification``, a batch's error record, a timeline), shared
/// by the command-line tool and the HTTP service so both print the same bytes for the same result.
///
/// ```swift
/// let text = JSONRecord.text(classification, pretty: true)   // what `vidclass clip.mp4 --format json` prints, less its final newline
/// ```
///
/// Keys are sorted, slashes are not escaped, and non-finite floats are written as the strings `"inf"`, `"-inf"`
/// and `"nan"` (JSON has no such numbers). `pretty` indents the record over several lines (`--format json`);
/// otherwise it is one line (`--format jsonl`). Cost: one encoding pass and one string.
public enum JSONRecord {
    /// `value` as JSON text, without a final newline.
    public static func text(_ value: some Encodable, pretty: Bool) -> String {
        String(decoding: data(value, pretty: pretty), as: UTF8.self)
    }

    /// `value` as UTF-8 JSON bytes, without a final newline (empty only if `value` cannot be encoded, which
    /// vidclass's records always can).
    public static func data(_ value: some Encodable, pretty: Bool) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(value)) ?? Data()
    }
}
