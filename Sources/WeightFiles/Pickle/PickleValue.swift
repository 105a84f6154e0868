/// A value built by the restricted pickle reader: the Python objects state dicts are made of, plus the torch
/// objects (storages, tensors) and numpy objects (arrays, dtypes) the allow-listed globals construct.
///
/// Lists, dicts, numpy arrays and dtypes are reference types, as in Python: `SETITEMS` on a memoised dict, or
/// `BUILD` on a memoised dtype, must be visible through every reference to it. Tuples are reference types too,
/// so that every container is a class whose `deinit` hands its children to ``PickleRelease``: freeing a deeply
/// nested value goes one level at a time instead of recursing once per level. Lists and dicts can change after
/// they are made, so a hostile pickle can put one inside itself; the machine refuses that
/// (`PickleMachine+Cycles.swift`), as reference counting would never free the cycle. Nothing here executes code; a
/// "call" of an allowed global only builds a value.
indirect enum PickleValue {
    case none
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case int(Int64)
    /// A longer integer, as its little-endian two's-complement bytes (e.g. PyTorch's legacy magic number).
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    /// A bytes object, as the range its contents occupy in the storage being unpickled (never copied, so a
    /// numpy array's data stays in the memory-mapped file).
    case bytes(Range<Int>)
    case tuple(PickleTuple)
    case list(PickleList)
    case dict(PickleDict)
    /// An allow-listed global (a class or function), not yet called.
    case global(PickleGlobal)
    /// A torch storage named by a persistent id.
    case storage(TorchStorageReference)
    /// A tensor built by `torch._utils._rebuild_tensor_v2` (or a parameter wrapping one).
    case tensor(TorchTensorReference)
    /// A numpy array made by `_reconstruct` and filled in by `BUILD`.
    case numpyArray(PickleNumpyArray)
    /// A numpy dtype made by `numpy.dtype(…)` and given its byte order by `BUILD`.
    case numpyDType(PickleNumpyDType)

    /// The string, if this is one.
    var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The integer, if this is one that fits in `Int`.
    var int: Int? {
        if case .int(let value) = self { Int(exactly: value) } else { nil }
    }

    /// The elements of a tuple or list.
    var elements: [PickleValue]? {
        switch self {
        case .tuple(let tuple): tuple.items
        case .list(let list): list.items
        default: nil
        }
    }

    /// The elements of a tuple (not a list), if this is one.
    var tupleItems: [PickleValue]? {
        if case .tuple(let tuple) = self { tuple.items } else { nil }
    }

    /// How many containers deep this value is: 0 for a scalar, 1 for a container of scalars, and so on.
    var depth: Int {
        switch self {
        case .tuple(let tuple): tuple.depth
        case .list(let list): list.depth
        case .dict(let dict): dict.depth
        default: 0
        }
    }

    /// A tuple or list of integers (a tensor size or stride), or nil if any element is not an integer.
    var integers: [Int]? {
        guard let elements else { return nil }
        var result: [Int] = []
        for element in elements {
            guard let value = element.int else { return nil }
            result.append(value)
        }
        return result
    }

    /// A short description of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int, .bigInt: "int"
        case .float: "float"
        case .string: "str"
        case .bytes: "bytes"
        case .tuple: "tuple"
        case .list: "list"
        case .dict: "dict"
        case .global(let global): global.qualifiedName
        case .storage: "storage"
        case .tensor: "tensor"
        case .numpyArray: "numpy.ndarray"
        case .numpyDType: "numpy.dtype"
        }
    }
}

/// An immutable Python tuple.
final class PickleTuple {
    private(set) var items: [PickleValue]
    let depth: Int
    init(_ items: [PickleValue]) {
        self.items = items
        self.depth = 1 + (items.lazy.map(\.depth).max() ?? 0)
    }
    deinit { PickleRelease.release(&items) }
}

/// A mutable Python list.
///
/// ``depth`` is the nesting depth seen when items were added; a list filled after it was itself nested can be
/// deeper than its record says, which is why freeing never relies on it (see ``PickleRelease``).
final class PickleList {
    private(set) var items: [PickleValue]
    private(set) var depth: Int
    init(_ items: [PickleValue] = []) {
        self.items = items
        self.depth = 1 + (items.lazy.map(\.depth).max() ?? 0)
    }

    func append(contentsOf newItems: [PickleValue]) {
        items.append(contentsOf: newItems)
        depth = max(depth, 1 + (newItems.lazy.map(\.depth).max() ?? 0))
    }

    /// Drops every item (to break a reference cycle through this list).
    func removeAll() { PickleRelease.release(&items) }

    deinit { PickleRelease.release(&items) }
}

/// A mutable Python dict (or `OrderedDict`), keeping insertion order; later assignments to a key replace it.
final class PickleDict {
    private(set) var entries: [(key: PickleValue, value: PickleValue)] = []
    private var stringIndex: [String: Int] = [:]
    /// The nesting depth seen when entries were set (see ``PickleList/depth``).
    private(set) var depth = 1

    /// Sets `key` to `value`: string keys replace earlier entries, other keys are appended.
    func set(_ key: PickleValue, _ value: PickleValue) {
        depth = max(depth, 1 + max(key.depth, value.depth))
        if let name = key.string {
            if let index = stringIndex[name] {
                entries[index].value = value
                return
            }
            stringIndex[name] = entries.count
        }
        entries.append((key, value))
    }

    /// The value for a string key.
    subscript(name: String) -> PickleValue? {
        stringIndex[name].map { entries[$0].value }
    }

    /// Drops every entry (to break a reference cycle through this dict).
    func removeAll() {
        var children = entries.flatMap { [$0.key, $0.value] }
        entries = []
        stringIndex = [:]
        PickleRelease.release(&children)
    }

    deinit { removeAll() }
}
