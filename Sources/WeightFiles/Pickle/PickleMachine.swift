/// A restricted, non-executing pickle interpreter for PyTorch state dicts and dicts of numpy arrays.
///
/// It runs the pickle virtual machine over a ``ByteReader`` up to `STOP` and returns the value built, plus every
/// torch storage the pickle referenced through persistent ids. The torch and numpy "calls" live in
/// `PickleMachine+Torch.swift` and `PickleMachine+Numpy.swift`. Globals are resolved against ``PickleGlobal``'s
/// allow-list the moment they appear, so a hostile pickle fails with `.unsupportedClass` before anything else.
///
/// Bounded by construction: every length is checked against the bytes left before anything is read or
/// allocated, the memo is a dictionary (a huge memo index allocates nothing), the interpreter is a flat loop
/// with no recursion, containers nest at most ``maximumDepth`` deep, and freeing what was built never recurses
/// (``PickleRelease``). Cost is linear in the pickle's size.
///
/// ```swift
/// var reader = ByteReader(storage, path: path)
/// let (root, storages) = try PickleMachine.load(from: &reader)
/// ```
struct PickleMachine {
    var stack: [PickleValue] = []
    var marks: [Int] = []
    var memo: [Int: PickleValue] = [:]
    /// Every storage named by a persistent id, by key.
    var storages: [String: TorchStorageReference] = [:]
    /// The lists and dicts changed after they were made, in the order first changed (see `PickleMachine+Cycles`).
    var changedContainers: [ChangedContainer] = []
    var changedIdentities = Set<ObjectIdentifier>()
    let path: String
    /// The offset of the opcode being executed, for error messages.
    var opcodeOffset = 0
    /// The deepest nesting of tuples, lists and dicts accepted. State dicts nest a handful of levels; Python's
    /// own unpickler stops near its recursion limit of 1000. The bound keeps every walk over the result short;
    /// freeing never depends on it (see ``PickleRelease``).
    static let maximumDepth = 1000

    /// Runs one pickle from the reader's position through its `STOP` opcode.
    static func load(from reader: inout ByteReader) throws(WeightFileError) -> (value: PickleValue, storages: [String: TorchStorageReference]) {
        var machine = PickleMachine(path: reader.path)
        do throws(WeightFileError) {
            while true {
                machine.opcodeOffset = reader.position
                let byte = try reader.readByte("a pickle opcode")
                guard let opcode = PickleOpcode(rawValue: byte) else {
                    throw machine.malformed("unsupported opcode 0x\(String(byte, radix: 16))")
                }
                if opcode == .stop {
                    try machine.checkAcyclic()
                    return (try machine.pop(), machine.storages)
                }
                try machine.execute(opcode, &reader)
            }
        } catch {
            machine.breakCycles()
            throw error
        }
    }

    private mutating func execute(_ opcode: PickleOpcode, _ reader: inout ByteReader) throws(WeightFileError) {
        switch opcode {
        case .proto:
            let version = try reader.readByte("the pickle protocol")
            guard version <= 5 else { throw malformed("unsupported protocol \(version)") }
        case .frame:
            // Frames only batch I/O for Python's reader; the opcodes inside are read like any others.
            _ = try reader.read(UInt64.self, "a pickle frame length")
        case .stop:
            preconditionFailure("STOP ends the loop in load(from:) and never reaches execute")
        case .mark: marks.append(stack.count)
        case .popMark: _ = try popToMark()
        case .pop: _ = try pop()
        case .dup: stack.append(try top())
        case .none: stack.append(.none)
        case .newTrue: stack.append(.bool(true))
        case .newFalse: stack.append(.bool(false))
        case .binInt: stack.append(.int(Int64(try reader.read(Int32.self, "a pickle int"))))
        case .binInt1: stack.append(.int(Int64(try reader.readByte("a pickle int"))))
        case .binInt2: stack.append(.int(Int64(try reader.read(UInt16.self, "a pickle int"))))
        case .long1: stack.append(Self.long(try reader.readPrefixed(UInt8.self, "a pickle long")))
        case .long4: stack.append(Self.long(try reader.readPrefixed(Int32.self, "a pickle long")))
        case .binFloat: stack.append(.float(Double(bitPattern: UInt64(bigEndian: try reader.read(UInt64.self, "a pickle float").littleEndian))))
        case .binUnicode: stack.append(.string(try utf8(reader.readPrefixed(UInt32.self, "a pickle string"))))
        case .shortBinUnicode: stack.append(.string(try utf8(reader.readPrefixed(UInt8.self, "a pickle string"))))
        case .binUnicode8: stack.append(.string(try utf8(reader.readPrefixed(UInt64.self, "a pickle string"))))
        case .binString: stack.append(.string(Self.latin1(try reader.readPrefixed(Int32.self, "a pickle string"))))
        case .shortBinString: stack.append(.string(Self.latin1(try reader.readPrefixed(UInt8.self, "a pickle string"))))
        case .binBytes: stack.append(.bytes(try reader.takePrefixed(UInt32.self, "pickle bytes")))
        case .shortBinBytes: stack.append(.bytes(try reader.takePrefixed(UInt8.self, "pickle bytes")))
        case .binBytes8: stack.append(.bytes(try reader.takePrefixed(UInt64.self, "pickle bytes")))
        case .emptyTuple: stack.append(.tuple(PickleTuple([])))
        case .tuple: stack.append(try bounded(.tuple(PickleTuple(try popToMark()))))
        case .tuple1: stack.append(try bounded(.tuple(PickleTuple(try pop(1)))))
        case .tuple2: stack.append(try bounded(.tuple(PickleTuple(try pop(2)))))
        case .tuple3: stack.append(try bounded(.tuple(PickleTuple(try pop(3)))))
        case .emptyList: stack.append(.list(PickleList()))
        case .list: stack.append(try bounded(.list(PickleList(try popToMark()))))
        case .append: try appendToList(try pop(1))
        case .appends: try appendToList(try popToMark())
        case .emptyDict: stack.append(.dict(PickleDict()))
        case .dict: stack.append(try bounded(.dict(try makeDict(try popToMark()))))
        case .setItem: try setItems(try pop(2))
        case .setItems: try setItems(try popToMark())
        case .binPut: memo[Int(try reader.readByte("a memo index"))] = try top()
        case .longBinPut: memo[Int(try reader.read(UInt32.self, "a memo index"))] = try top()
        case .memoize: memo[memo.count] = try top()
        case .binGet: stack.append(try memoValue(Int(try reader.readByte("a memo index"))))
        case .longBinGet: stack.append(try memoValue(Int(try reader.read(UInt32.self, "a memo index"))))
        case .global:
            let module = try Self.line(&reader)
            let name = try Self.line(&reader)
            stack.append(.global(try PickleGlobal(module: module, name: name, path: path)))
        case .stackGlobal:
            let parts = try pop(2)
            guard let module = parts[0].string, let name = parts[1].string else { throw malformed("STACK_GLOBAL needs two strings") }
            stack.append(.global(try PickleGlobal(module: module, name: name, path: path)))
        case .reduce:
            let arguments = try pop(2)
            guard case .global(let global) = arguments[0] else {
                throw malformed("REDUCE of a value of type \(arguments[0].kindName), which is not callable")
            }
            guard let tuple = arguments[1].tupleItems else {
                throw malformed("REDUCE with \(arguments[1].kindName) arguments instead of a tuple")
            }
            stack.append(try global.isNumpy ? callNumpy(global, arguments: tuple) : callTorch(global, arguments: tuple))
        case .newObj:
            let arguments = try pop(2)
            guard case .global(.orderedDict) = arguments[0] else { throw malformed("NEWOBJ of \(arguments[0].kindName) is not supported") }
            stack.append(.dict(PickleDict()))
        case .build:
            let state = try pop()
            switch try top() {
            case .numpyArray(let array): try build(array, state: state)
            case .numpyDType(let dtype): try build(dtype, state: state)
            // Other states (e.g. an OrderedDict's `_metadata` attribute) carry nothing tensors need: drop them.
            default: break
            }
        case .binPersId:
            stack.append(.storage(try persistentStorage(try pop())))
        }
    }

    // MARK: - Stack

    mutating func pop() throws(WeightFileError) -> PickleValue {
        guard stack.count > (marks.last ?? 0) else { throw malformed("the stack is empty") }
        return stack.removeLast()
    }

    /// Pops `count` values, returned bottom-first.
    mutating func pop(_ count: Int) throws(WeightFileError) -> [PickleValue] {
        guard stack.count - (marks.last ?? 0) >= count else { throw malformed("the stack holds fewer than \(count) values") }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    func top() throws(WeightFileError) -> PickleValue {
        guard let value = stack.last, stack.count > (marks.last ?? 0) else { throw malformed("the stack is empty") }
        return value
    }

    mutating func popToMark() throws(WeightFileError) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw malformed("no MARK precedes an opcode that needs one") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private func memoValue(_ index: Int) throws(WeightFileError) -> PickleValue {
        guard let value = memo[index] else { throw malformed("memo entry \(index) is read before it is written") }
        return value
    }

    private mutating func appendToList(_ items: [PickleValue]) throws(WeightFileError) {
        guard case .list(let list) = try top() else { throw malformed("APPEND targets a value of type \(try top().kindName), not a list") }
        noteChanged(.list(list))
        list.append(contentsOf: items)
        _ = try bounded(.list(list))
    }

    private mutating func setItems(_ pairs: [PickleValue]) throws(WeightFileError) {
        guard case .dict(let dict) = try top() else { throw malformed("SETITEM targets a value of type \(try top().kindName), not a dict") }
        noteChanged(.dict(dict))
        try fill(dict, with: pairs)
        _ = try bounded(.dict(dict))
    }

    /// `value`, if it nests no deeper than ``maximumDepth`` containers.
    private func bounded(_ value: PickleValue) throws(WeightFileError) -> PickleValue {
        guard value.depth <= Self.maximumDepth else {
            throw malformed("tuples, lists or dicts nested more than \(Self.maximumDepth) deep")
        }
        return value
    }

    private func makeDict(_ pairs: [PickleValue]) throws(WeightFileError) -> PickleDict {
        let dict = PickleDict()
        try fill(dict, with: pairs)
        return dict
    }

    private func fill(_ dict: PickleDict, with pairs: [PickleValue]) throws(WeightFileError) {
        guard pairs.count % 2 == 0 else { throw malformed("a dict is built from an odd number of items") }
        for index in stride(from: 0, to: pairs.count, by: 2) {
            dict.set(pairs[index], pairs[index + 1])
        }
    }

    func malformed(_ reason: String) -> WeightFileError {
        .malformed(path, "its pickle has \(reason) at byte \(opcodeOffset)")
    }

    // MARK: - Operand decoding

    /// A `LONG1`/`LONG4` integer: little-endian two's complement of any length.
    private static func long(_ bytes: [UInt8]) -> PickleValue {
        guard bytes.count <= 8 else { return .bigInt(bytes) }
        guard let last = bytes.last else { return .int(0) }
        var value: UInt64 = last >= 0x80 ? ~0 : 0
        for byte in bytes.reversed() {
            value = (value << 8) | UInt64(byte)
        }
        return .int(Int64(bitPattern: value))
    }

    /// A `BINUNICODE` operand as text; invalid UTF-8 is malformed.
    private func utf8(_ bytes: [UInt8]) throws(WeightFileError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw malformed("a string that is not valid UTF-8") }
        return text
    }

    /// A protocol 0–2 byte string (Python 2 `str`), decoded as Latin-1 the way Python 3 does with `encoding='latin1'`.
    private static func latin1(_ bytes: [UInt8]) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// One newline-terminated ASCII line of a `GLOBAL` opcode (at most 256 bytes).
    private static func line(_ reader: inout ByteReader) throws(WeightFileError) -> String {
        var bytes: [UInt8] = []
        while true {
            let byte = try reader.readByte("a GLOBAL name")
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
            guard bytes.count <= 256 else { throw .malformed(reader.path, "a pickle GLOBAL name is longer than 256 bytes") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
