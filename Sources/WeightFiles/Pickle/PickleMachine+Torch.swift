extension PickleMachine {
    /// `REDUCE` of a torch global: builds the value the call would return, without running code.
    ///
    /// - `OrderedDict()` → an empty dict (items arrive by `SETITEMS`).
    /// - `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`
    ///   → a tensor view; the trailing arguments carry nothing a reader needs.
    /// - `_rebuild_parameter(tensor, requires_grad, backward_hooks)` → the tensor.
    func callTorch(_ global: PickleGlobal, arguments: [PickleValue]) throws(WeightFileError) -> PickleValue {
        switch global {
        case .orderedDict:
            return .dict(PickleDict())
        case .rebuildTensor:
            guard arguments.count >= 4, case .storage(let storage) = arguments[0], let offset = arguments[1].int,
                let shape = arguments[2].integers, let strides = arguments[3].integers
            else {
                throw malformed("a _rebuild_tensor_v2 call whose arguments are not (storage, offset, size, stride, …)")
            }
            return .tensor(TorchTensorReference(storage: storage, storageOffset: offset, shape: shape, strides: strides))
        case .rebuildParameter:
            guard let first = arguments.first, case .tensor = first else {
                throw malformed("a _rebuild_parameter call whose first argument is not a tensor")
            }
            return first
        case .storageType:
            throw malformed("a call of \(global.qualifiedName), which only persistent ids may name")
        case .numpyReconstruct, .numpyArrayType, .numpyDType:
            preconditionFailure("REDUCE sends numpy globals to callNumpy")
        }
    }

    /// `BINPERSID`: turns `('storage', StorageType, key, location, numel[, view_metadata])` into a storage
    /// reference and records it, checking that every use of a key agrees on its type and size.
    mutating func persistentStorage(_ id: PickleValue) throws(WeightFileError) -> TorchStorageReference {
        guard let fields = id.tupleItems, fields.count == 5 || fields.count == 6, fields[0].string == "storage",
            case .global(.storageType(let elementType)) = fields[1], let key = fields[2].string,
            let elementCount = fields[4].int, elementCount >= 0
        else {
            throw malformed("a persistent id that is not ('storage', StorageType, key, location, numel)")
        }
        var reference = TorchStorageReference(key: key, elementType: elementType, elementCount: elementCount, elementOffset: 0)
        if fields.count == 6, let view = fields[5].tupleItems {
            guard view.count == 3, let offset = view[1].int, offset >= 0, offset <= elementCount else {
                throw malformed("a storage view that is not (view_key, offset, size) within its storage")
            }
            reference.elementOffset = offset
        }
        if let known = storages[key], known.elementType != elementType || known.elementCount != elementCount {
            throw malformed("storage '\(key)' declared twice with different types or sizes")
        }
        storages[key] = TorchStorageReference(key: key, elementType: elementType, elementCount: elementCount, elementOffset: 0)
        return reference
    }
}
