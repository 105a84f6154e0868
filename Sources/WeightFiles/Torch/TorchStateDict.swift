/// Finds the state dict in an unpickled PyTorch checkpoint and turns its tensors into ``StoredTensor``s.
///
/// Accepted shapes of the root object:
/// - a state dict: a dict (usually an `OrderedDict`) whose values include tensors; non-tensor values such as
///   version numbers are ignored;
/// - a training checkpoint wrapping one: `{'state_dict': …}`, `{'model': …}`, `{'model_state_dict': …}`,
///   `{'net': …}` or `{'module': …}`, unwrapped up to four levels deep.
///
/// Names are kept exactly as saved (a `module.` prefix from `DataParallel` stays; the model layer may strip it).
enum TorchStateDict {
    /// Keys that training scripts commonly use to wrap the model's state dict, tried in this order.
    static let wrapperKeys = ["state_dict", "model", "model_state_dict", "net", "module"]

    /// The tensors of the state dict inside `root`, in file order.
    static func tensors(in root: PickleValue, path: String) throws(WeightFileError) -> [(name: String, tensor: TorchTensorReference)] {
        var current = root
        for _ in 0...4 {
            guard case .dict(let dict) = current else {
                throw .malformed(path, "the pickled object is of type \(current.kindName), not a state dict; save model.state_dict()")
            }
            let tensors = dict.entries.compactMap { entry -> (String, TorchTensorReference)? in
                guard let name = entry.key.string, case .tensor(let tensor) = entry.value else { return nil }
                return (name, tensor)
            }
            if !tensors.isEmpty {
                return tensors.map { (name: $0.0, tensor: $0.1) }
            }
            guard let inner = wrapperKeys.lazy.compactMap({ dict[$0] }).first else { break }
            current = inner
        }
        throw .malformed(path, "no state dict with tensors was found; save model.state_dict() or a dict holding it under 'state_dict'")
    }

    /// Makes a ``StoredTensor`` for each reference, looking up each storage's bytes with `region(for:)`.
    ///
    /// - Parameter region: the byte range in `storage` of a root storage key (validated by the caller to hold
    ///   the declared number of elements).
    static func storedTensors(
        _ references: [(name: String, tensor: TorchTensorReference)], storage: ByteStorage, path: String,
        region: (TorchStorageReference) throws(WeightFileError) -> Range<Int>
    ) throws(WeightFileError) -> [String: StoredTensor] {
        var result: [String: StoredTensor] = [:]
        for (name, reference) in references {
            let bytes = try region(reference.storage)
            let (offset, overflow) = reference.storage.elementOffset.addingReportingOverflow(reference.storageOffset)
            guard !overflow, reference.storageOffset >= 0 else {
                throw .malformed(path, "tensor '\(name)' has an invalid storage offset \(reference.storageOffset)")
            }
            result[name] = try StoredTensor(
                name: name, path: path, storage: storage, region: bytes, elementType: reference.storage.elementType,
                shape: reference.shape, strides: reference.strides, elementOffset: offset)
        }
        return result
    }
}
