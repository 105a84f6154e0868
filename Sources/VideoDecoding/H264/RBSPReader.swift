/// Reads the bits of an H.264 NAL unit's payload (its raw byte sequence payload): fixed-width fields and
/// Exp-Golomb codes, with the emulation-prevention bytes (`00 00 03`) skipped as it goes.
///
/// Every read throws `H264SyntaxError` past the end of the data, so a damaged or cut header ends its parse
/// rather than producing nonsense.
struct RBSPReader {
    private let bytes: [UInt8]
    private var byteOffset: Int
    private var bitOffset = 0
    /// Zero bytes seen just before `byteOffset`, for spotting emulation prevention.
    private var zeros = 0

    /// Starts after the NAL unit header byte of `nal`.
    init(nal: ArraySlice<UInt8>) {
        bytes = Array(nal)
        byteOffset = 1
    }

    mutating func bit() throws(H264SyntaxError) -> Bool {
        if bitOffset == 0 { try skipEmulationPrevention() }
        guard byteOffset < bytes.count else { throw H264SyntaxError() }
        let value = (bytes[byteOffset] >> (7 - bitOffset)) & 1
        bitOffset += 1
        if bitOffset == 8 {
            zeros = bytes[byteOffset] == 0 ? zeros + 1 : 0
            bitOffset = 0
            byteOffset += 1
        }
        return value == 1
    }

    /// An unsigned `count`-bit field, `u(n)`.
    mutating func bits(_ count: Int) throws(H264SyntaxError) -> Int {
        var value = 0
        for _ in 0..<count { value = value << 1 | (try bit() ? 1 : 0) }
        return value
    }

    /// An unsigned Exp-Golomb code, `ue(v)`.
    mutating func unsignedGolomb() throws(H264SyntaxError) -> Int {
        var leadingZeros = 0
        while try !bit() {
            leadingZeros += 1
            guard leadingZeros < 32 else { throw H264SyntaxError() }
        }
        return (1 << leadingZeros) - 1 + (try bits(leadingZeros))
    }

    /// A signed Exp-Golomb code, `se(v)`.
    mutating func signedGolomb() throws(H264SyntaxError) -> Int {
        let code = try unsignedGolomb()
        return code % 2 == 1 ? (code + 1) / 2 : -(code / 2)
    }

    /// A `0x03` after two zero bytes is not payload: it only keeps start codes out of the data.
    private mutating func skipEmulationPrevention() throws(H264SyntaxError) {
        if zeros >= 2, byteOffset < bytes.count, bytes[byteOffset] == 3 {
            byteOffset += 1
            zeros = 0
        }
    }
}

/// An H.264 header that ends early or holds a value out of range: the picture's references stay unknown.
struct H264SyntaxError: Error {}
