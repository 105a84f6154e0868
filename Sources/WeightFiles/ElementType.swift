/// The element type of a stored tensor, spelled as safetensors spells it (`"F32"`, `"BF16"`, …).
///
/// The raw value is the safetensors `dtype` string, so a header entry decodes straight into this enum.
/// PyTorch storage classes map onto the same cases (`torch.HalfStorage` → ``float16``, `torch.LongStorage` →
/// ``int64``). All multi-byte types are little-endian on disk.
public enum ElementType: String, Sendable, Codable, CaseIterable {
    case float32 = "F32"
    case float16 = "F16"
    case bfloat16 = "BF16"
    case float64 = "F64"
    case int64 = "I64"
    case int32 = "I32"
    case uint8 = "U8"
    case bool = "BOOL"

    /// The size of one element in bytes (1 for ``bool`` and ``uint8``, up to 8 for ``float64`` and ``int64``).
    public var byteWidth: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16: 2
        case .uint8, .bool: 1
        }
    }

    /// Whether the type is a floating-point type (the types ``SafeTensorsWriter`` accepts as storage).
    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .float16, .bfloat16, .float64: true
        case .int64, .int32, .uint8, .bool: false
        }
    }
}
