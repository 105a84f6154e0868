import Testing

@testable import WeightFiles

/// The restricted pickle interpreter on hand-assembled opcode streams (byte values as in Python's pickletools).
@Suite struct PickleMachineTests {
    /// Runs `bytes` (without the trailing STOP, which is appended) and returns the value or the error.
    static func load(_ bytes: [UInt8]) -> Result<PickleValue, WeightFileError> {
        var reader = ByteReader(ByteStorage(copying: [0x80, 0x02] + bytes + [0x2E]), path: "test.pkl")
        do {
            return .success(try PickleMachine.load(from: &reader).value)
        } catch {
            return .failure(error)
        }
    }

    static func value(_ bytes: [UInt8]) throws -> PickleValue {
        try load(bytes).get()
    }

    @Test func integersOfEveryWidth() throws {
        #expect(try Self.value([0x4B, 0xFF]).int == 255)  // BININT1
        #expect(try Self.value([0x4D, 0x34, 0x12]).int == 0x1234)  // BININT2
        #expect(try Self.value([0x4A, 0xFE, 0xFF, 0xFF, 0xFF]).int == -2)  // BININT
        #expect(try Self.value([0x8A, 0x02, 0x00, 0x80]).int == -32768)  // LONG1, negative
        #expect(try Self.value([0x8A, 0x00]).int == 0)  // LONG1, empty is zero
        #expect(try Self.value([0x8A, 0x05, 1, 0, 0, 0, 1]).int == 0x01_0000_0001)
        guard case .bigInt(let bytes) = try Self.value([0x8A, 0x09] + [UInt8](repeating: 7, count: 9)) else {
            Issue.record("a 9-byte LONG1 should stay a big integer")
            return
        }
        #expect(bytes.count == 9)
    }

    @Test func floatsStringsAndBytes() throws {
        guard case .float(let value) = try Self.value([0x47, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0]) else {
            Issue.record("BINFLOAT should give a float")
            return
        }
        #expect(value == 1.5)  // big-endian IEEE double
        #expect(try Self.value([0x8C, 3] + Array("hé".utf8)).string == "hé")
        #expect(try Self.value([0x55, 2, 0x68, 0xE9]).string == "hé")  // SHORT_BINSTRING is Latin-1
        guard case .bytes(let range) = try Self.value([0x43, 2, 0xDE, 0xAD]) else {
            Issue.record("SHORT_BINBYTES should give bytes")
            return
        }
        #expect(range == 4..<6)  // where 0xDE 0xAD lie, after PROTO 2 and the opcode with its length
    }

    @Test func containersMemoAndMarks() throws {
        // MARK 1 2 LIST → [1, 2]; DUP; POP: the list survives. Then a DICT from a mark: {'a': [1, 2]}.
        let list: [UInt8] = [0x28, 0x4B, 1, 0x4B, 2, 0x6C, 0x32, 0x30]
        #expect(try Self.value(list).integers == [1, 2])
        let dict: [UInt8] = [0x71, 0, 0x28, 0x8C, 1, 0x61, 0x68, 0, 0x64]  // BINPUT 0, MARK 'a' BINGET 0 DICT
        guard case .dict(let built) = try Self.value(list + dict) else {
            Issue.record("DICT should build a dict")
            return
        }
        #expect(built["a"]?.integers == [1, 2])
        // SETITEM on a memoised dict is visible through the memo (dicts are shared, as in Python).
        let shared: [UInt8] = [0x7D, 0x94, 0x8C, 1, 0x6B, 0x4B, 9, 0x73, 0x30, 0x68, 0]  // {} MEMOIZE 'k' 9 SETITEM POP BINGET 0
        guard case .dict(let memoised) = try Self.value(shared) else {
            Issue.record("BINGET should return the memoised dict")
            return
        }
        #expect(memoised["k"]?.int == 9)
        // POP_MARK discards everything above the mark.
        #expect(try Self.value([0x4B, 5, 0x28, 0x4B, 6, 0x4B, 7, 0x31]).int == 5)
    }

    @Test(
        arguments: [
            ([0xFF], "unsupported opcode 0xff"),
            ([0x68, 3], "memo entry 3 is read before it is written"),
            ([0x74], "no MARK precedes"),
            ([0x86], "fewer than 2 values"),
            ([0x28, 0x30], "the stack is empty"),  // POP may not reach below a mark
            ([0x4B, 1, 0x4B, 2, 0x52], "not callable"),
            ([0x5D, 0x4B, 1, 0x73], "the stack is empty"),  // SETITEM needs a dict below its key and value
            ([0x4B, 1, 0x4B, 2, 0x4B, 3, 0x73], "SETITEM targets a value of type int, not a dict"),
            ([0x8C, 1, 0xFF], "not valid UTF-8"),
            ([0x28, 0x8C, 7] + Array("storage".utf8) + [0x74, 0x51], "persistent id"),
        ] as [([UInt8], String)])
    func malformedStreamsAreRejected(_ bytes: [UInt8], _ phrase: String) {
        guard case .failure(let error) = Self.load(bytes) else {
            Issue.record("\(bytes) was accepted")
            return
        }
        #expect(error.kind == .malformed)
        #expect(error.message.contains(phrase), "\(error.message)")
    }

    @Test func aListOrDictInsideItselfIsRefusedButSharingIsNot() throws {
        // ] BINPUT 0 ] BINGET 0 APPEND BINGET 0 APPEND → [A, A]: one list held twice is no cycle.
        let shared: [UInt8] = [0x5D, 0x71, 0, 0x5D, 0x68, 0, 0x61, 0x68, 0, 0x61]
        #expect(try Self.value(shared).elements?.count == 2)
        let cycles: [[UInt8]] = [
            [0x5D, 0x32, 0x61],  // ] DUP APPEND: a list inside itself
            [0x7D, 0x71, 0, 0x8C, 1, 0x6B, 0x68, 0, 0x73],  // {} BINPUT 0 'k' BINGET 0 SETITEM: a dict as its own value
            [0x5D, 0x71, 0, 0x5D, 0x71, 1, 0x68, 0, 0x61, 0x30, 0x68, 1, 0x61],  // A = [B], B = [A], through the memo
        ]
        for bytes in cycles {
            guard case .failure(let error) = Self.load(bytes) else {
                Issue.record("a cycle was accepted: \(bytes)")
                continue
            }
            #expect(error.kind == .malformed)
            #expect(error.message.contains("contains itself"))
        }
    }

    @Test func unsupportedProtocolAndRunawayGlobalName() {
        var reader = ByteReader(ByteStorage(copying: [0x80, 0x06, 0x2E]), path: "p6")
        #expect(throws: WeightFileError.self) { try PickleMachine.load(from: &reader) }
        let long = Self.load([0x63] + [UInt8](repeating: 0x61, count: 300) + [0x0A, 0x62, 0x0A])
        guard case .failure(let error) = long else {
            Issue.record("a 300-byte GLOBAL name was accepted")
            return
        }
        #expect(error.message.contains("longer than 256 bytes"))
    }

    @Test(arguments: [
        ("torch", "FloatStorage", true), ("torch.cuda", "HalfStorage", true), ("collections", "OrderedDict", true),
        ("torch._utils", "_rebuild_parameter", true), ("torch", "load", false), ("builtins", "eval", false),
        ("torch._utils", "_rebuild_qtensor", false), ("numpy.core.multiarray", "scalar", false),
    ])
    func allowListIsExact(_ module: String, _ name: String, _ allowed: Bool) {
        let result = Result { () throws(WeightFileError) in try PickleGlobal(module: module, name: name, path: "x") }
        if allowed {
            #expect((try? result.get()) != nil)
        } else {
            guard case .failure(let error) = result else {
                Issue.record("\(module).\(name) was allowed")
                return
            }
            #expect(error.kind == .unsupportedClass)
            #expect(error.message.contains("'\(module).\(name)'"))
        }
    }
}
