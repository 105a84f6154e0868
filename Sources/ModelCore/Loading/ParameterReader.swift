import WeightFiles

/// Looks parameters up by their PyTorch names in a `TensorArchive`, under an optional prefix.
///
/// A name `n` resolves to `prefix + n`, or to `"module." + prefix + n` (checkpoints saved from
/// `DataParallel`). A missing tensor or a shape mismatch throws a `ModelError` naming the tensor and both
/// shapes; a tensor holding NaN or infinity throws one naming the tensor. Cost: one dictionary lookup and one decode (fp16/bf16 → Float) per tensor.
struct ParameterReader: Sendable {
    let archive: TensorArchive
    let prefix: String
    /// The architecture's name, for error messages.
    let architecture: String

    /// The tensor `name` as Floats, checked to have `shape`.
    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let full = prefix + name
        guard let stored = archive[full] ?? archive["module." + full] else {
            throw ModelError(
                .missingParameter,
                "The weights have no tensor \"\(full)\" (\(architecture) expects shape \(shape)); check the architecture and the name prefix."
            )
        }
        guard stored.shape == shape else {
            throw ModelError(
                .parameterShapeMismatch,
                "Tensor \"\(full)\" has shape \(stored.shape) but \(architecture) expects \(shape); check the architecture and its width."
            )
        }
        let values = stored.floats()
        guard values.allFinite else { throw ModelError.nonFinite(full) }
        return values
    }
}
