import Foundation

/// The parsed JSON header of a safetensors file: one entry per tensor plus the optional `__metadata__` map.
///
/// Layout of the file: an unsigned 64-bit little-endian header length `n`, `n` bytes of UTF-8 JSON
/// (`{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {…}}`),
/// then the data buffer; `data_offsets` are relative to the start of that buffer.
struct SafeTensorsHeader: Decodable {
    /// One tensor's header entry.
    struct Entry: Decodable {
        var dtype: String
        var shape: [Int]
        var dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    /// Tensor entries by name.
    var entries: [String: Entry]
    /// The `__metadata__` map, empty when absent.
    var metadata: [String: String]

    /// The reserved key that holds string metadata instead of a tensor.
    static let metadataKey = "__metadata__"
    /// Headers larger than this are refused (the reference implementation's limit), so a lying length
    /// cannot make the reader allocate without bound.
    static let maximumLength = 100_000_000

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for key in container.allKeys {
            if key.stringValue == Self.metadataKey {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
        }
        self.entries = entries
        self.metadata = metadata
    }
}
