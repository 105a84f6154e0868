import WeightFiles

/// Names a backbone's weights by content: the SHA-256 of its tensors, so a trained head can say which backbone
/// it was trained on without embedding it, and cached features are never reused across different weights.
///
/// The digest covers every tensor whose name starts with `backbone.`, in name order: the name's UTF-8 bytes, a
/// zero byte, the shape as decimal text, a zero byte, then the values as little-endian float32 bit patterns. It
/// is therefore independent of the storage type (an fp16 file and its fp32 widening hash the same).
/// Cost: one pass over the weights, about 0.1 s for EfficientNet-Lite0's 3.4 M backbone parameters.
enum BackboneDigest {
    /// The digest of the backbone tensors in `archive`, or `nil` when it holds none (a head-only bundle).
    static func of(_ archive: TensorArchive) -> String? {
        let names = archive.names.filter { $0.hasPrefix(ModelBundle.backbonePrefix) }
        guard !names.isEmpty else { return nil }
        var hasher = SHA256()
        for name in names {
            let tensor = archive.tensors[name]!
            hasher.update(Array(name.utf8) + [0] + Array(tensor.shape.map(String.init).joined(separator: ",").utf8) + [0])
            hasher.update(tensor.floats())
        }
        return hasher.finalize()
    }
}
