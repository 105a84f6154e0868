/// The weight-file formats ``WeightFile`` reads, recognised from their first bytes (never from the extension).
public enum WeightFileFormat: String, Sendable {
    /// Hugging Face safetensors: an 8-byte header length, a JSON header, raw little-endian data.
    case safetensors
    /// PyTorch ≥ 1.6 `torch.save`: a zip archive (`PK\u{3}\u{4}`) holding `data.pkl` and raw storages.
    case pytorchZip
    /// PyTorch < 1.6 `torch.save`: pickles (starting with the `PROTO` opcode 0x80, then PyTorch's magic number)
    /// followed by raw storages.
    case pytorchLegacy
    /// A pickle of nested dicts of numpy arrays, e.g. a Flax checkpoint: the `PROTO` opcode 0x80 without
    /// PyTorch's magic number after it.
    case numpyPickle

    /// The format whose signature the first bytes of `storage` carry, or nil.
    ///
    /// safetensors is tested before the pickles because its header length can start with the byte 0x80
    /// (a 640-byte header is `80 02 00 …`), while a pickle practically never has `{` at offset 8 (in a legacy
    /// file that byte lies inside PyTorch's magic number; in a numpy pickle inside a frame or string length).
    /// A pickle is a legacy PyTorch file when its first opcode (after a protocol-4 `FRAME`) is the 10-byte
    /// `LONG1` that holds the magic number; the number itself is checked by the reader, so a damaged one is
    /// reported as such rather than read as a numpy pickle.
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
            return startsWithMagicNumberOpcode(storage) ? .pytorchLegacy : .numpyPickle
        }
        return nil
    }

    /// Whether the opcode after `PROTO` (and after a `FRAME`, if one follows) is `LONG1` with a 10-byte operand.
    private static func startsWithMagicNumberOpcode(_ storage: ByteStorage) -> Bool {
        let frame = PickleOpcode.frame.rawValue
        let opcode = storage.byte(at: 2) == frame && storage.count >= 13 ? 11 : 2
        return storage.byte(at: opcode) == PickleOpcode.long1.rawValue && storage.byte(at: opcode + 1) == TorchLegacyReader.magic.count
    }
}
