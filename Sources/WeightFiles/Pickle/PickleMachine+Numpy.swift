extension PickleMachine {
    /// `REDUCE` of a numpy global: builds the value the call would return, without running code.
    ///
    /// - `_reconstruct(numpy.ndarray, (0,), b'b')` → an empty ``PickleNumpyArray`` for `BUILD` to fill in;
    ///   the shape and type-code arguments only describe that empty placeholder.
    /// - `numpy.dtype('f4', align, copy)` → a ``PickleNumpyDType``; type codes other than those of
    ///   ``ElementType/init(numpyTypeCode:)`` are refused here, before any data is looked at.
    func callNumpy(_ global: PickleGlobal, arguments: [PickleValue]) throws(WeightFileError) -> PickleValue {
        switch global {
        case .numpyReconstruct:
            guard case .global(.numpyArrayType) = arguments.first else {
                let kind = arguments.first?.kindName ?? "nothing"
                throw malformed("a _reconstruct call that makes \(kind) instead of a numpy.ndarray")
            }
            return .numpyArray(PickleNumpyArray())
        case .numpyDType:
            guard let typeCode = arguments.first?.string else {
                throw malformed("a numpy.dtype call whose first argument is not a type code string")
            }
            guard let elementType = ElementType(numpyTypeCode: typeCode) else {
                throw malformed("numpy dtype '\(typeCode)', which is not supported (f4, f2, f8, i8, i4, u1 and b1 are)")
            }
            return .numpyDType(PickleNumpyDType(typeCode: typeCode, elementType: elementType))
        case .numpyArrayType:
            throw malformed("a call of numpy.ndarray, which only _reconstruct may name")
        case .orderedDict, .rebuildTensor, .rebuildParameter, .storageType:
            preconditionFailure("REDUCE sends torch globals to callTorch")
        }
    }

    /// `BUILD` on an array: `state` is `(version, shape, dtype, is_fortran, raw_bytes)` (the version may be
    /// missing, as NumPy's `__setstate__` allows). The byte count is checked later, by the reader that knows
    /// the array's name.
    func build(_ array: PickleNumpyArray, state: PickleValue) throws(WeightFileError) {
        guard let fields = state.tupleItems, fields.count == 4 || fields.count == 5 else {
            throw malformed("a numpy array state that is not (version, shape, dtype, is_fortran, data)")
        }
        let shapeField = fields[fields.count - 4], dtypeField = fields[fields.count - 3]
        let orderField = fields[fields.count - 2], dataField = fields[fields.count - 1]
        guard let shape = shapeField.integers, shape.allSatisfy({ $0 >= 0 }), case .numpyDType(let dtype) = dtypeField,
            case .bool(let isFortranOrder) = orderField
        else {
            throw malformed("a numpy array state whose shape, dtype or order is not (non-negative ints, dtype, bool)")
        }
        guard case .bytes(let data) = dataField else {
            throw malformed("a numpy array whose data is a \(dataField.kindName), not bytes (object arrays are not supported)")
        }
        array.contents = PickleNumpyArray.Contents(shape: shape, dtype: dtype, isFortranOrder: isFortranOrder, data: data)
    }

    /// `BUILD` on a dtype: `state` is `(version, byte_order, …)`; only the byte order matters for plain
    /// (non-structured) types.
    func build(_ dtype: PickleNumpyDType, state: PickleValue) throws(WeightFileError) {
        guard let fields = state.tupleItems, fields.count >= 2, let order = fields[1].string,
            let character = order.first, order.count == 1, "<>|=".contains(character)
        else {
            throw malformed("a numpy dtype state that is not (version, byte order '<', '>', '|' or '=', …)")
        }
        dtype.byteOrder = character
    }
}
