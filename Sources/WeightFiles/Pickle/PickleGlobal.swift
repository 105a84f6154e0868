/// The Python globals a state-dict pickle may name; every other `module.name` is refused.
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

    /// Resolves `module.name`, throwing `.unsupportedClass` naming it when it is not allowed.
    init(module: String, name: String, path: String) throws(WeightFileError) {
        switch (module, name) {
        case ("collections", "OrderedDict"):
            self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor"):
            self = .rebuildTensor
        case ("torch._utils", "_rebuild_parameter"):
            self = .rebuildParameter
        case ("torch", _) where Self.storageTypes[name] != nil, ("torch.cuda", _) where Self.storageTypes[name] != nil:
            self = .storageType(Self.storageTypes[name]!)
        default:
            throw WeightFileError(
                .unsupportedClass,
                "'\(path)' refers to the Python global '\(module).\(name)', which a weights reader must not load; save only the model's state_dict() (tensors) and try again"
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
        }
    }
}
