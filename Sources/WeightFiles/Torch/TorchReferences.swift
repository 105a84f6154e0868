/// A torch storage as named by a pickle's persistent id: which raw blob holds it and how to read it.
///
/// Persistent ids look like `('storage', torch.FloatStorage, key, location, numel)`; the legacy format adds a
/// sixth field, `view_metadata`, which is `None` or `(view_key, offset, size)` when the storage is a slice of
/// the root storage `key` (then ``elementOffset`` is that offset).
struct TorchStorageReference {
    /// The key of the root storage: a file name under `data/` (zip) or a position in the key list (legacy).
    var key: String
    var elementType: ElementType
    /// The number of elements the persistent id declares for the root storage.
    var elementCount: Int
    /// Where this storage starts inside the root storage, in elements (0 unless it is a legacy view).
    var elementOffset: Int
}

/// A tensor view built by `_rebuild_tensor_v2(storage, storage_offset, size, stride, …)`.
struct TorchTensorReference {
    var storage: TorchStorageReference
    /// The offset of element `[0, …]` in the storage, in elements.
    var storageOffset: Int
    var shape: [Int]
    var strides: [Int]
}
