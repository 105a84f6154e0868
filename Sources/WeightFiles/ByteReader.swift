/// A bounds-checked forward cursor over part of a ``ByteStorage``, used by the pickle and zip parsers.
///
/// Every read checks the remaining length first and throws `.truncated` naming `what` was being read, so a
/// lying length field can never read out of bounds or allocate more than the file holds.
struct ByteReader {
    let storage: ByteStorage
    /// The file name used in error messages.
    let path: String
    /// The offset of the next byte to read.
    private(set) var position: Int
    /// One past the last readable byte.
    let end: Int

    init(_ storage: ByteStorage, path: String, range: Range<Int>? = nil) {
        self.storage = storage
        self.path = path
        let range = range ?? 0..<storage.count
        position = range.lowerBound
        end = range.upperBound
    }

    /// The number of bytes left.
    var remaining: Int { end - position }

    /// Reserves `count` bytes and returns their range, or throws `.truncated` if fewer remain.
    mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws(WeightFileError) -> Range<Int> {
        guard count >= 0, count <= remaining else { throw .truncated(path, reading: what()) }
        defer { position += count }
        return position..<(position + count)
    }

    /// Reads one byte.
    mutating func readByte(_ what: @autoclosure () -> String) throws(WeightFileError) -> UInt8 {
        storage.byte(at: try take(1, what()).lowerBound)
    }

    /// Reads a little-endian fixed-width integer.
    mutating func read<Value: FixedWidthInteger>(_: Value.Type, _ what: @autoclosure () -> String) throws(WeightFileError) -> Value {
        storage.littleEndian(Value.self, at: try take(MemoryLayout<Value>.size, what()).lowerBound)
    }

    /// Reads `count` bytes as a copy.
    mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(WeightFileError) -> [UInt8] {
        storage.bytes(in: try take(count, what()))
    }

    /// Reads a length-prefixed operand: a little-endian `Length`, then that many bytes. Negative or oversized
    /// lengths throw `.truncated` before anything is allocated.
    mutating func readPrefixed<Length: FixedWidthInteger>(_: Length.Type, _ what: @autoclosure () -> String) throws(WeightFileError) -> [UInt8] {
        storage.bytes(in: try takePrefixed(Length.self, what()))
    }

    /// Skips a length-prefixed operand like ``readPrefixed(_:_:)`` but returns its range instead of a copy.
    mutating func takePrefixed<Length: FixedWidthInteger>(_: Length.Type, _ what: @autoclosure () -> String) throws(WeightFileError) -> Range<Int> {
        let length = Int(clamping: try read(Length.self, "the length of \(what())"))
        return try take(length, what())
    }

    /// Reads `count` bytes as UTF-8 text; invalid UTF-8 is `.malformed`.
    mutating func readUTF8(_ count: Int, _ what: @autoclosure () -> String) throws(WeightFileError) -> String {
        let bytes = try readBytes(count, what())
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .malformed(path, "\(what()) is not valid UTF-8")
        }
        return text
    }
}
