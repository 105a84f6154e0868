extension ElementType {
    /// The element type NumPy calls `typeCode` — a kind letter and a byte width without the byte-order
    /// character, such as `f4` in the descriptor `<f4` — or nil for types WeightFiles does not decode.
    ///
    /// `f4`, `f2`, `f8` are float32, float16 and float64; `i8`, `i4`, `u1` are int64, int32 and uint8; `b1` is
    /// bool. NumPy has no bfloat16 of its own (ml_dtypes adds one as a separate class), so none maps to it.
    init?(numpyTypeCode typeCode: some StringProtocol) {
        switch typeCode {
        case "f4": self = .float32
        case "f2": self = .float16
        case "f8": self = .float64
        case "i8": self = .int64
        case "i4": self = .int32
        case "u1": self = .uint8
        case "b1": self = .bool
        default: return nil
        }
    }
}
