/// Reads weight files — safetensors, both PyTorch `torch.save` formats and pickles of numpy arrays (Flax
/// checkpoints) — without Python.
///
/// ```swift
/// let archive = try WeightFile.read(contentsOf: "efficientnet-lite0-57934424.pth")
/// let weight = try archive.tensor("_conv_stem.weight", shape: [32, 3, 3, 3]).floats()
/// ```
///
/// The format is recognised from the first bytes, whatever the file is called. Every format is memory-mapped
/// read-only and the returned tensors point into the mapping (it is unmapped when the last tensor goes), so
/// reading costs a header parse plus page-ins for the tensors actually decoded; nothing is copied up front.
/// All validation happens here: a file that reads without error decodes without error.
///
/// PyTorch checkpoints and numpy pickles are unpickled by a restricted reader that only builds state-dict and
/// numpy-array values and refuses any other Python global with `.unsupportedClass`, so untrusted files cannot
/// run code. A numpy pickle's tensors are named by their dict keys joined with `/`
/// (`params/Conv3d_1a_7x7/Conv_0/kernel`).
public enum WeightFile {
    /// Reads the weight file at `path` in whichever supported format it is.
    ///
    /// - Throws: ``WeightFileError`` — `.notFound`, `.unreadable`, `.unknownFormat` (no known signature),
    ///   `.truncated`, `.malformed`, or `.unsupportedClass` (a pickle naming a disallowed global).
    public static func read(contentsOf path: String) throws(WeightFileError) -> TensorArchive {
        try read(ByteStorage(mappingFileAt: path), path: path)
    }

    /// Reads a weight file image already in `storage`; `path` only names it in error messages.
    static func read(_ storage: ByteStorage, path: String) throws(WeightFileError) -> TensorArchive {
        switch try format(of: storage, path: path) {
        case .safetensors: return try SafeTensorsReader.read(storage, path: path)
        case .pytorchZip: return try TorchZipReader.read(storage, path: path)
        case .pytorchLegacy: return try TorchLegacyReader.read(storage, path: path)
        case .numpyPickle: return try NumpyPickleReader.read(storage, path: path)
        }
    }

    /// The format of the file at `path`, from its first bytes; the rest of the file is not validated.
    public static func format(ofFileAt path: String) throws(WeightFileError) -> WeightFileFormat {
        try format(of: ByteStorage(mappingFileAt: path), path: path)
    }

    private static func format(of storage: ByteStorage, path: String) throws(WeightFileError) -> WeightFileFormat {
        guard let format = WeightFileFormat.sniff(storage) else {
            throw WeightFileError(
                .unknownFormat,
                "'\(path)' is not a safetensors file, a PyTorch checkpoint or a pickle of numpy arrays (its first bytes match none); pass a .safetensors, .pth or numpy .pkl/.ckpt file"
            )
        }
        return format
    }
}
