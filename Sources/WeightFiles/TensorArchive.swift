/// The tensors and string metadata of one weight file, by name.
///
/// Produced by ``WeightFile/read(contentsOf:)``; tensors share the file's storage, so an archive of a
/// memory-mapped file costs little memory until tensors are decoded. Values are immutable and `Sendable`:
/// one archive can feed model construction on several threads.
///
/// ```swift
/// let archive = try WeightFile.read(contentsOf: "efficientnet-lite0.pth")
/// let stem = try archive.tensor("_conv_stem.weight", shape: [32, 3, 3, 3])
/// ```
public struct TensorArchive: Sendable {
    /// Every tensor, keyed by its name in the file: PyTorch parameter names such as `_blocks.0._bn1.weight`, or
    /// for a numpy pickle the dict keys joined with `/`, such as `params/Conv3d_1a_7x7/Conv_0/kernel`.
    public var tensors: [String: StoredTensor]
    /// String metadata: the safetensors `__metadata__` map; empty for PyTorch files and numpy pickles.
    public var metadata: [String: String]

    /// Creates an archive from tensors and metadata (for converters and tests).
    public init(tensors: [String: StoredTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// All tensor names in ascending order.
    public var names: [String] { tensors.keys.sorted() }

    /// The tensor called `name`, or nil.
    public subscript(name: String) -> StoredTensor? { tensors[name] }

    /// The tensor called `name`, checked against an expected shape.
    ///
    /// - Throws: `.missingTensor` ("weights file has no tensor 'x'") or `.shapeMismatch`
    ///   ("tensor 'x' has shape [a, b], expected [c, d]").
    public func tensor(_ name: String, shape expected: [Int]? = nil) throws(WeightFileError) -> StoredTensor {
        guard let tensor = tensors[name] else {
            throw WeightFileError(.missingTensor, "weights file has no tensor '\(name)'; check that the file matches the model architecture")
        }
        if let expected, tensor.shape != expected {
            throw WeightFileError(
                .shapeMismatch,
                "tensor '\(name)' has shape \(tensor.shape), expected \(expected); check that the file matches the model architecture")
        }
        return tensor
    }
}
