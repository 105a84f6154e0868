import Testing

@testable import WeightFiles

/// fp16 and bf16 conversions against known bit patterns, and exhaustively against Swift's `Float16`.
@Suite struct HalfPrecisionTests {
    @Test(
        arguments: [
            (Float(1.0), UInt16(0x3C00)), (-2.0, 0xC000), (65504, 0x7BFF), (0x1p-14, 0x0400), (0x1p-24, 0x0001),
            (0, 0x0000), (-0.0, 0x8000), (.infinity, 0x7C00), (-.infinity, 0xFC00),
            (65520, 0x7C00),  // halfway between 65504 and 65536 rounds to even: infinity
            (65519, 0x7BFF),  // below the halfway point stays finite
            (1 + 0x1p-11, 0x3C00),  // tie between 1 and 1+2⁻¹⁰: even mantissa (1) wins
            (1 + 3 * 0x1p-11, 0x3C02),  // tie between 1+2⁻¹⁰ and 1+2⁻⁹: even (1+2⁻⁹) wins
            (0x1p-25, 0x0000),  // exactly half the smallest subnormal: ties to even zero
            (0x1.8p-25, 0x0001),  // above half rounds up to the smallest subnormal
            (0x1p-26, 0x0000), (0x1.ffcp-15, 0x0400),  // largest subnormal range rounding up into the normals
        ] as [(Float, UInt16)])
    func float16Narrowing(_ value: Float, _ bits: UInt16) {
        #expect(HalfPrecision.float16Bits(from: value) == bits)
    }

    @Test func float16NaNStaysQuietNaNWithSign() {
        let bits = HalfPrecision.float16Bits(from: -Float.nan)
        #expect(bits & 0x7C00 == 0x7C00 && bits & 0x3FF != 0 && bits & 0x8000 != 0)
        #expect(HalfPrecision.float16Bits(from: Float(bitPattern: 0x7F80_0001)) & 0x200 != 0)
        #expect(HalfPrecision.float(fromFloat16Bits: 0x7E00).isNaN)
    }

    @Test func float16WideningMatchesFloat16ForEveryPattern() {
        let mismatches = (UInt16.min...UInt16.max).filter { bits in
            let mine = HalfPrecision.float(fromFloat16Bits: bits)
            let reference = Float(Float16(bitPattern: bits))
            return !(mine.bitPattern == reference.bitPattern || (mine.isNaN && reference.isNaN))
        }
        #expect(mismatches.isEmpty)
    }

    @Test func float16NarrowingMatchesFloat16OnManyFloats() {
        var generator = SystemRandomNumberGenerator()
        var mismatches = 0
        for _ in 0..<200_000 {
            // Exponents spread around fp16's range, including subnormals and overflow.
            let value = Float(
                sign: Bool.random(using: &generator) ? .minus : .plus,
                exponent: Int.random(in: -30...17, using: &generator),
                significand: Float.random(in: 1..<2, using: &generator))
            if HalfPrecision.float16Bits(from: value) != Float16(value).bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test(
        arguments: [
            (Float(1.0), UInt16(0x3F80)), (-2.0, 0xC000), (.infinity, 0x7F80), (0, 0), (-0.0, 0x8000),
            (Float(bitPattern: 0x3F80_8000), 0x3F80),  // tie: even stays
            (Float(bitPattern: 0x3F81_8000), 0x3F82),  // tie: odd rounds up to even
            (Float(bitPattern: 0x3F80_8001), 0x3F81),  // above the tie rounds up
            (.greatestFiniteMagnitude, 0x7F80),  // rounds past the largest bf16 to infinity
        ] as [(Float, UInt16)])
    func bfloat16Narrowing(_ value: Float, _ bits: UInt16) {
        #expect(HalfPrecision.bfloat16Bits(from: value) == bits)
    }

    @Test func bfloat16RoundTripAndNaN() {
        #expect(HalfPrecision.float(fromBFloat16Bits: 0x4049) == Float(bitPattern: 0x4049_0000))
        #expect(HalfPrecision.float(fromBFloat16Bits: HalfPrecision.bfloat16Bits(from: .nan)).isNaN)
        #expect(HalfPrecision.bfloat16Bits(from: Float(bitPattern: 0x7F80_0001)) & 0x7F80 == 0x7F80)
        #expect(HalfPrecision.float(fromBFloat16Bits: HalfPrecision.bfloat16Bits(from: Float(bitPattern: 0x7F80_0001))).isNaN)
    }
}
