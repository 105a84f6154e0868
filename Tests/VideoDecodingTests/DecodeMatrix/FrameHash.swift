/// A 128-bit fingerprint of one RGB24 picture, so the CLI's reference frames need not be kept in memory.
///
/// Two independent 64-bit lanes fold the bytes eight at a time; equal pictures always give equal hashes, and two
/// different pictures of a test clip colliding in both lanes is far less likely than a cosmic-ray bit flip. Not a
/// cryptographic hash: nothing here is adversarial.
struct FrameHash: Hashable, Sendable, CustomStringConvertible {
    var low: UInt64
    var high: UInt64

    /// Fingerprints `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        var a: UInt64 = 0x243F_6A88_85A3_08D3
        var b: UInt64 = 0x1319_8A2E_0370_7344
        let words = bytes.count / 8
        for word in 0..<words {
            let value = bytes.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)
            a = (a ^ value) &* 0x9E37_79B9_7F4A_7C15
            a ^= a >> 29
            b = (b &+ value) &* 0xC2B2_AE3D_27D4_EB4F
            b = (b << 27) | (b >> 37)
        }
        for offset in (words * 8)..<bytes.count {
            a = (a ^ UInt64(bytes[offset])) &* 0x9E37_79B9_7F4A_7C15
            b = (b &+ UInt64(bytes[offset])) &* 0xC2B2_AE3D_27D4_EB4F
        }
        low = a ^ UInt64(bytes.count)
        high = b ^ (a >> 32)
    }

    /// Fingerprints an array of bytes.
    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { FrameHash($0) }
    }

    var description: String { String(low, radix: 16) }
}
