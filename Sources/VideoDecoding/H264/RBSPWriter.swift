/// Writes the payload of an H.264 NAL unit bit by bit: fixed-width fields and Exp-Golomb codes, then the
/// trailing bits, then the unit itself with emulation-prevention bytes put in (the inverse of `RBSPReader`).
struct RBSPWriter {
    private var bytes: [UInt8] = []
    private var current: UInt8 = 0
    private var used = 0

    mutating func bit(_ value: Bool) {
        current = current << 1 | (value ? 1 : 0)
        used += 1
        if used == 8 {
            bytes.append(current)
            current = 0
            used = 0
        }
    }

    /// `value` in `count` bits, `u(n)`.
    mutating func bits(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bit((value >> shift) & 1 == 1) }
    }

    /// An unsigned Exp-Golomb code, `ue(v)`: as many zeros as `value + 1` has bits after its first, then
    /// `value + 1`.
    mutating func unsignedGolomb(_ value: Int) {
        let coded = value + 1
        let width = Int.bitWidth - coded.leadingZeroBitCount
        bits(0, count: width - 1)
        bits(coded, count: width)
    }

    /// A signed Exp-Golomb code, `se(v)`: positive values to odd codes, the others to even ones.
    mutating func signedGolomb(_ value: Int) {
        unsignedGolomb(value > 0 ? 2 * value - 1 : -2 * value)
    }

    /// The NAL unit: `header`, then the payload closed by `rbsp_trailing_bits`, with a `0x03` put after every
    /// two zero bytes that a byte below 4 would follow, so that no start code appears inside it.
    func nalUnit(header: UInt8) -> [UInt8] {
        var payload = self
        payload.bit(true)
        while payload.used != 0 { payload.bit(false) }
        var unit: [UInt8] = [header]
        unit.reserveCapacity(payload.bytes.count + 4)
        var zeros = 0
        for byte in payload.bytes {
            if zeros >= 2, byte <= 3 {
                unit.append(3)
                zeros = 0
            }
            unit.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        return unit
    }
}
