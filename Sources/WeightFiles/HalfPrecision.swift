/// Bit-exact conversions between `Float` and the two 16-bit float formats weight files use.
///
/// - IEEE 754 binary16 ("fp16", `F16`): 1 sign, 5 exponent, 10 mantissa bits; largest finite 65504,
///   smallest subnormal 2⁻²⁴.
/// - bfloat16 (`BF16`): the top 16 bits of a `Float`; same range as `Float`, 8 significant bits.
///
/// Widening is exact. Narrowing rounds to nearest, ties to even; values too large become ±infinity, values too
/// small become subnormals or ±0, infinities stay infinities, and NaN stays a (quiet) NaN with its sign.
/// Each function is a handful of integer operations, so converting a tensor costs about as much as copying it.
///
/// ```swift
/// HalfPrecision.float16Bits(from: 1.0)        // 0x3C00
/// HalfPrecision.float(fromFloat16Bits: 0x0001) // 5.96e-8, the smallest fp16 subnormal
/// ```
public enum HalfPrecision {
    /// Widens an fp16 bit pattern to the `Float` it denotes (exact).
    @inlinable
    public static func float(fromFloat16Bits bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits) & 0x3FF
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa × 2⁻²⁴, exactly representable as a Float.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            // Infinity (mantissa 0) or NaN (payload kept in the top mantissa bits).
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }

    /// Narrows a `Float` to the nearest fp16 bit pattern, ties to even.
    @inlinable
    public static func float16Bits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF {
            // Infinity stays infinity; NaN keeps its top payload bits and is forced quiet.
            return mantissa == 0 ? sign | 0x7C00 : sign | 0x7E00 | UInt16(truncatingIfNeeded: mantissa >> 13)
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 0x1F {
            return sign | 0x7C00
        }
        if halfExponent <= 0 {
            // The result is subnormal (or zero): shift the full significand into the 10-bit field and round.
            guard halfExponent >= -10 else { return sign }
            let significand = mantissa | 0x80_0000
            let shift = UInt32(14 - halfExponent)
            return sign | UInt16(truncatingIfNeeded: roundShiftingRight(significand, by: shift))
        }
        // Normal: a carry out of the mantissa correctly bumps the exponent (and reaches infinity at the top).
        let combined = (UInt32(halfExponent) << 23) | mantissa
        return sign | UInt16(truncatingIfNeeded: roundShiftingRight(combined, by: 13))
    }

    /// Widens a bfloat16 bit pattern to the `Float` it denotes (exact).
    @inlinable
    public static func float(fromBFloat16Bits bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// Narrows a `Float` to the nearest bfloat16 bit pattern, ties to even; NaN stays a quiet NaN.
    @inlinable
    public static func bfloat16Bits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN {
            return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040
        }
        return UInt16(truncatingIfNeeded: roundShiftingRight(bits, by: 16))
    }

    /// `value >> shift`, rounded to nearest with ties to even (`shift` in 1...31).
    @inlinable
    static func roundShiftingRight(_ value: UInt32, by shift: UInt32) -> UInt32 {
        let truncated = value >> shift
        let remainder = value & ((1 << shift) - 1)
        let half: UInt32 = 1 << (shift - 1)
        if remainder > half || (remainder == half && truncated & 1 == 1) {
            return truncated + 1
        }
        return truncated
    }
}
