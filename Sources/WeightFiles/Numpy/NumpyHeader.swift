/// The header of a `.npy` file: element type, memory order and shape.
///
/// Format (NumPy's `format.py` documentation): the magic `\x93NUMPY`, a major and minor version byte, the
/// header length (UInt16 in v1.0, UInt32 in v2.0/v3.0, little-endian), then an ASCII (v3: UTF-8) Python dict
/// literal such as `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }` padded with spaces and a
/// final newline so that the data starts on a 64-byte boundary.
struct NumpyHeader {
    var descriptor: String
    var fortranOrder: Bool
    var shape: [Int]

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The Python dict literal NumPy writes, without padding.
    var literal: String {
        let dimensions = shape.map(String.init).joined(separator: ", ")
        let tuple = shape.count == 1 ? "(\(dimensions),)" : "(\(dimensions))"
        return "{'descr': '\(descriptor)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(tuple), }"
    }

    /// Parses the dict literal; the keys may come in any order, unknown keys are an error.
    init(literal: String, path: String) throws(WeightFileError) {
        var parser = LiteralParser(text: Array(literal.utf8), path: path)
        var descriptor: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        try parser.expect("{")
        while try !parser.consume("}") {
            let key = try parser.string()
            try parser.expect(":")
            switch key {
            case "descr": descriptor = try parser.string()
            case "fortran_order": fortranOrder = try parser.bool()
            case "shape": shape = try parser.integerTuple()
            default: throw parser.error("unknown key '\(key)'")
            }
            if try !parser.consume(",") {
                try parser.expect("}")
                break
            }
        }
        guard let descriptor, let fortranOrder, let shape else {
            throw parser.error("a missing 'descr', 'fortran_order' or 'shape'")
        }
        self.init(descriptor: descriptor, fortranOrder: fortranOrder, shape: shape)
    }

    init(descriptor: String, fortranOrder: Bool, shape: [Int]) {
        self.descriptor = descriptor
        self.fortranOrder = fortranOrder
        self.shape = shape
    }
}

/// A tiny scanner for the subset of Python literals `.npy` headers use: quoted strings, `True`/`False`,
/// tuples of non-negative integers.
private struct LiteralParser {
    let text: [UInt8]
    let path: String
    var position = 0

    func error(_ what: String) -> WeightFileError {
        WeightFileError(.malformed, "'\(path)' is not a valid .npy file (its header has \(what)); save the array again with numpy.save")
    }

    mutating func skipSpaces() {
        while position < text.count, text[position] == UInt8(ascii: " ") { position += 1 }
    }

    /// Consumes `token` (after spaces) if it is next.
    mutating func consume(_ token: String) throws(WeightFileError) -> Bool {
        skipSpaces()
        let bytes = Array(token.utf8)
        guard position + bytes.count <= text.count, Array(text[position..<(position + bytes.count)]) == bytes else { return false }
        position += bytes.count
        return true
    }

    mutating func expect(_ token: String) throws(WeightFileError) {
        guard try consume(token) else { throw error("no '\(token)' at character \(position)") }
    }

    mutating func string() throws(WeightFileError) -> String {
        skipSpaces()
        guard position < text.count, text[position] == UInt8(ascii: "'") || text[position] == UInt8(ascii: "\"") else {
            throw error("no string at character \(position)")
        }
        let quote = text[position]
        guard let close = text[(position + 1)...].firstIndex(of: quote) else { throw error("an unterminated string") }
        defer { position = close + 1 }
        return String(decoding: text[(position + 1)..<close], as: UTF8.self)
    }

    mutating func bool() throws(WeightFileError) -> Bool {
        if try consume("True") { return true }
        if try consume("False") { return false }
        throw error("no True or False at character \(position)")
    }

    mutating func integerTuple() throws(WeightFileError) -> [Int] {
        try expect("(")
        var values: [Int] = []
        while try !consume(")") {
            skipSpaces()
            let start = position
            while position < text.count, text[position] >= UInt8(ascii: "0"), text[position] <= UInt8(ascii: "9") { position += 1 }
            guard position > start, let value = Int(String(decoding: text[start..<position], as: UTF8.self)) else {
                throw error("a shape that is not a tuple of integers")
            }
            values.append(value)
            if try !consume(",") {
                try expect(")")
                break
            }
        }
        return values
    }
}
