import Testing

@testable import VidClass

/// The SHA-256 that names backbones, against the FIPS 180-4 example vectors.
@Suite("SHA-256")
struct FeaturesDigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownDigests(message: String, digest: String) {
        var hasher = SHA256()
        hasher.update(Array(message.utf8))
        #expect(hasher.finalize() == digest)
    }

    @Test func feedingInPiecesEqualsFeedingAtOnce() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var whole = SHA256()
        whole.update(bytes)
        for cut in [1, 55, 56, 63, 64, 65, 127, 999] {
            var pieces = SHA256()
            pieces.update(Array(bytes[..<cut]))
            pieces.update(Array(bytes[cut...]))
            #expect(pieces.finalize() == whole.finalize(), "split at \(cut)")
        }
    }

    @Test func aMillionAs() {
        var hasher = SHA256()
        hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(hasher.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
