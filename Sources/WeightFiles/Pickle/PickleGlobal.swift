/// The Python globals a state-dict or numpy-array pickle may name; every other `module.name` is refused.
///
/// This allow-list is the reader's whole security model: a pickle can only call what is here, and nothing here
/// runs code — each "call" just builds a ``PickleValue``. A checkpoint that pickles a whole model
/// (`torch.save(model)`) names its own classes and is refused with that class name, so the user knows to save
/// `model.state_dict()` instead.
enum PickleGlobal: Equatable {
    /// `collections.OrderedDict`: calling it makes an empty dict.
    case orderedDict
    /// `torch._utils._rebuild_tensor_v2` (and the older `_rebuild_tensor`): builds a tensor view of a storage.
    case rebuildTensor
    /// `torch._utils._rebuild_parameter`: wraps a tensor as a parameter; the tensor passes through.
    case rebuildParameter
    /// A typed storage class such as `torch.FloatStorage`, used in persistent ids.
    case storageType(ElementType)
    /// `numpy.core.multiarray._reconstruct` (numpy ≥ 2: `numpy._core.multiarray`): makes an empty array that
    /// `BUILD` then fills in.
    case numpyReconstruct
    /// `numpy.ndarray`: the class `_reconstruct` is asked to make; never called itself.
    case numpyArrayType
    /// `numpy.dtype`: calling it makes an element type whose byte order `BUILD` sets.
    case numpyDType

    /// Resolves `module.name`, throwing `.unsupportedClass` naming it when it is not allowed.
    init(module: String, name: String, path: String) throws(WeightFileError) {
        switch (module, name) {
        case ("collections", "OrderedDict"):
            self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor"):
            self = .rebuildTensor
        case ("torch._utils", "_rebuild_parameter"):
            self = .rebuildParameter
        case ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"):
            self = .numpyReconstruct
        case ("numpy", "ndarray"):
            self = .numpyArrayType
        case ("numpy", "dtype"):
            self = .numpyDType
        case ("torch", _) where Self.storageTypes[name] != nil, ("torch.cuda", _) where Self.storageTypes[name] != nil:
            self = .storageType(Self.storageTypes[name]!)
        default:
            throw WeightFileError(
                .unsupportedClass,
                "'\(path)' refers to the Python global '\(module).\(name)', which a weights reader must not load; save only tensors (torch.save of model.state_dict(), or a dict of numpy arrays pickled with protocol 3 or 4) and try again"
            )
        }
    }

    /// The element type of each allowed torch storage class.
    private static let storageTypes: [String: ElementType] = [
        "FloatStorage": .float32, "HalfStorage": .float16, "BFloat16Storage": .bfloat16, "DoubleStorage": .float64,
        "LongStorage": .int64, "IntStorage": .int32, "ByteStorage": .uint8, "BoolStorage": .bool,
    ]

    /// `module.name` as Python spells it.
    var qualifiedName: String {
        switch self {
        case .orderedDict: "collections.OrderedDict"
        case .rebuildTensor: "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: "torch._utils._rebuild_parameter"
        case .storageType(let type): "torch storage of \(type.rawValue)"
        case .numpyReconstruct: "numpy.core.multiarray._reconstruct"
        case .numpyArrayType: "numpy.ndarray"
        case .numpyDType: "numpy.dtype"
        }
    }

    /// Whether this is one of the numpy globals, which `PickleMachine+Numpy.swift` handles.
    var isNumpy: Bool {
        switch self {
        case .numpyReconstruct, .numpyArrayType, .numpyDType: true
        case .orderedDict, .rebuildTensor, .rebuildParameter, .storageType: false
        }
    }
}
