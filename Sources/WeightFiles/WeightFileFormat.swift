/// The weight-file formats ``WeightFile`` reads, recognised from their first bytes (never from the extension).
public enum WeightFileFormat: String, Sendable {
    /// Hugging Face safetensors: an 8-byte header length, a JSON header, raw little-endian data.
    case safetensors
    /// PyTorch ≥ 1.6 `torch.save`: a zip archive (`PK\u{3}\u{4}`) holding `data.pkl` and raw storages.
    case pytorchZip
    /// PyTorch < 1.6 `torch.save`: pickles (starting with the `PROTO` opcode 0x80) followed by raw storages.
    case pytorchLegacy

    /// The format whose signature the first bytes of `storage` carry, or nil.
    ///
    /// safetensors is tested before the legacy pickle because its header length can start with the byte 0x80
    /// (a 640-byte header is `80 02 00 …`), while a legacy file never has `{` at offset 8 (that byte lies inside
    /// PyTorch's magic number).
    static func sniff(_ storage: ByteStorage) -> WeightFileFormat? {
        guard storage.count >= 4 else { return nil }
        let signature = storage.littleEndian(UInt32.self, at: 0)
        if signature == 0x0403_4B50 || signature == 0x0605_4B50 {
            return .pytorchZip
        }
        if storage.count >= 9, storage.byte(at: 8) == UInt8(ascii: "{") {
            return .safetensors
        }
        if storage.byte(at: 0) == 0x80, storage.byte(at: 1) <= 5 {
            return .pytorchLegacy
        }
        return nil
    }
}
