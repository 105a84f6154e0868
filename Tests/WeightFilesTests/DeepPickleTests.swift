import Foundation
import Testing

@testable import WeightFiles

/// Pickles nested far deeper than a thread's stack: building stops at a clear error, and freeing whatever was
/// built never recurses.
@Suite struct DeepPickleTests {
    static let depth = 60_000

    /// `((((…()…))))`: EMPTY_TUPLE, then TUPLE1 `levels` times.
    static func nestedTuples(_ levels: Int) -> [UInt8] {
        [0x80, 0x02, 0x29] + [UInt8](repeating: 0x85, count: levels) + [0x2E]
    }

    @Test func sixtyThousandNestedTuplesAreMalformed() {
        let error = weightFileError { () throws(WeightFileError) in
            try WeightFile.read(ByteStorage(copying: Self.nestedTuples(Self.depth)), path: "deep.pkl")
        }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("nested more than 1000 deep") == true, "\(String(describing: error))")
        #expect(error?.message.contains("deep.pkl") == true)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        var reader = ByteReader(ByteStorage(copying: Self.nestedTuples(PickleMachine.maximumDepth - 1)), path: "ok.pkl")
        let value = try PickleMachine.load(from: &reader).value
        #expect(value.depth == PickleMachine.maximumDepth)
        var over = ByteReader(ByteStorage(copying: Self.nestedTuples(PickleMachine.maximumDepth)), path: "over.pkl")
        #expect(weightFileError { () throws(WeightFileError) in try PickleMachine.load(from: &over) }?.kind == .malformed)
    }

    @Test func sixtyThousandNestedListsAndDictsAreMalformed() {
        // [[[…]]]: MARK × n, EMPTY_LIST, then LIST × n, each wrapping the list above its mark.
        let lists: [UInt8] = [0x80, 0x02] + [UInt8](repeating: 0x28, count: Self.depth) + [0x5D] + [UInt8](repeating: 0x6C, count: Self.depth) + [0x2E]
        let listError = weightFileError { () throws(WeightFileError) in try WeightFile.read(ByteStorage(copying: lists), path: "lists.pkl") }
        #expect(listError?.kind == .malformed, "\(String(describing: listError))")
        // {'a': {'a': …}} by MARK 'a' … EMPTY_DICT DICT DICT …
        var dicts: [UInt8] = [0x80, 0x02]
        for _ in 0..<Self.depth { dicts += [0x28, 0x8C, 1, 0x61] }
        dicts += [0x7D] + [UInt8](repeating: 0x64, count: Self.depth) + [0x2E]
        let dictError = weightFileError { () throws(WeightFileError) in try WeightFile.read(ByteStorage(copying: dicts), path: "dicts.pkl") }
        #expect(dictError?.kind == .malformed, "\(String(describing: dictError))")
    }

    @Test func listsLinkedAfterTheyAreBuiltAreFreedWithoutRecursion() throws {
        // Depth is recorded as values are added, so lists filled top-down (list i gets list i+1 while the latter
        // is still empty) pass the limit: 60 000 lists are made and memoised, then each appended to its
        // predecessor. The result is a 60 000-deep chain, and freeing it must not overflow the stack.
        var bytes: [UInt8] = [0x80, 0x02]
        func index(_ i: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: i >> (8 * $0)) } }
        for i in 0..<Self.depth { bytes += [0x5D, 0x72] + index(i) + [0x30] }  // EMPTY_LIST, LONG_BINPUT i, POP
        for i in 0..<(Self.depth - 1) {
            bytes += [0x6A] + index(i) + [0x6A] + index(i + 1) + [0x61, 0x30]  // LONG_BINGET i, LONG_BINGET i+1, APPEND, POP
        }
        bytes += [0x6A] + index(0) + [0x2E]
        var reader = ByteReader(ByteStorage(copying: bytes), path: "chain.pkl")
        var root: PickleValue? = try PickleMachine.load(from: &reader).value
        var length = 0
        var cursor = root
        while case .list(let list)? = cursor {
            length += 1
            cursor = list.items.first
        }
        cursor = nil
        #expect(length == Self.depth)
        root = nil  // frees the chain; with recursive deinits this overflows the stack
        #expect(root == nil)
    }

    @Test func aMillionNestedContainersAreFreedWithoutRecursion() {
        var value = PickleValue.none
        for level in 0..<1_000_000 {
            switch level % 3 {
            case 0: value = .tuple(PickleTuple([value]))
            case 1: value = .list(PickleList([value]))
            default:
                let dict = PickleDict()
                dict.set(.string("k"), value)
                value = .dict(dict)
            }
        }
        #expect(value.depth == 1_000_000)
        value = .none
    }
}
