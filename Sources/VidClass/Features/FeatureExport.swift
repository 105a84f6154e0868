import FrameSampling
import Foundation
import WeightFiles

/// Writes the features of several videos as one array for other tools: `.npy` (NumPy reads it as is) or
/// `.safetensors` (tensor `features`), each saying which input every row is and how the rows were made
/// (``FeatureSidecar``).
///
/// ```swift
/// try FeatureExport.write(rows, inputs: ["a.mp4", "b.mp4"], run: run, perFrame: false,
///                         to: "emb.npy", overwrite: false)   // numpy.load("emb.npy").shape == (2, 1280)
/// // emb.npy.json: {"rows": ["a.mp4", "b.mp4"], "run": {…}, "shape": [2, 1280], …}
/// ```
public enum FeatureExport {
    /// The array of `rows`: `[N, T, d]` per frame, or `[N, d]` holding each video's mean feature (1/T) Σ_t h_t.
    /// Every row must have the same T and d (one sampling, one backbone).
    public static func array(_ rows: [FrameFeatures], perFrame: Bool) -> (shape: [Int], values: [Float]) {
        guard let first = rows.first else { return ([0, 0], []) }
        let (frames, dimension) = (first.features.shape[0], first.features.shape[1])
        precondition(rows.allSatisfy { $0.features.shape == first.features.shape }, "FeatureExport needs rows of one shape")
        if perFrame {
            return ([rows.count, frames, dimension], rows.flatMap(\.features.values))
        }
        let means = rows.flatMap { row in
            (0..<dimension).map { j in
                (0..<frames).reduce(Float(0)) { $0 + row.features.values[$1 * dimension + j] } / Float(frames)
            }
        }
        return ([rows.count, dimension], means)
    }

    /// Writes `rows` to `path`, choosing the format by its extension (`.npy`, else safetensors), with what
    /// they are: `run` and the inputs left out (`leftOut`) go with the inputs of the rows into a
    /// ``FeatureSidecar``, beside a `.npy` (``FeatureSidecar/path(besideArray:)``) or in a safetensors file's
    /// metadata (`vidclass`; `inputs` and `sampling` too, as before). Returns the sidecar.
    /// - Throws: ``VidClassError`` `.cannotCreate` when `path` or the sidecar's file exists and `overwrite` is
    ///   false (then nothing is written), `.io` when a file cannot be written. Nothing is left at `path` on
    ///   failure.
    @discardableResult
    public static func write(
        _ rows: [FrameFeatures], inputs: [String], run: RunDescription, leftOut: [FeatureSidecar.LeftOut] = [],
        perFrame: Bool, to path: String, overwrite: Bool
    ) throws(VidClassError) -> FeatureSidecar {
        let (shape, values) = array(rows, perFrame: perFrame)
        return try write(
            shape: shape, values: values, inputs: inputs, run: run, leftOut: leftOut, perFrame: perFrame, to: path,
            overwrite: overwrite)
    }

    /// Writes an array already laid out (`shape`, row-major `values`) whose rows are the features of `inputs`,
    /// as ``write(_:inputs:run:leftOut:perFrame:to:overwrite:)`` does: the same bytes for the same array and
    /// description (how `vidclass merge` joins shards into what one run writes).
    @discardableResult
    public static func write(
        shape: [Int], values: [Float], inputs: [String], run: RunDescription, leftOut: [FeatureSidecar.LeftOut] = [],
        perFrame: Bool, to path: String, overwrite: Bool
    ) throws(VidClassError) -> FeatureSidecar {
        var described = run
        if perFrame { described.options.pooling = nil }
        let sidecar = FeatureSidecar(run: described, shape: shape, perFrame: perFrame, rows: inputs, leftOut: leftOut)
        let sidecarPath = FeatureSidecar.path(besideArray: path)
        do {
            if path.hasSuffix(".npy") {
                if !overwrite, FileManager.default.fileExists(atPath: sidecarPath) {
                    throw VidClassError(
                        .cannotCreate, "\(sidecarPath) already exists", suggestion: .allowOverwriteOrChooseAnotherPath)
                }
                try NumpyWriter.write(shape: shape, values: values, to: path, overwrite: overwrite)
                try AtomicFile.write(Array(sidecar.json.utf8), to: sidecarPath, overwrite: overwrite)
            } else {
                let names = String(decoding: (try? JSONEncoder().encode(inputs)) ?? Data("[]".utf8), as: UTF8.self)
                let sampling = run.options.strategy?.displayName ?? run.options.sampling
                try SafeTensorsWriter.write(
                    [NamedTensor(name: "features", shape: shape, values: values)],
                    metadata: ["inputs": names, "sampling": sampling, "vidclass": sidecar.json],
                    storage: .float32, to: path, overwrite: overwrite)
            }
        } catch {
            throw VidClassError(error)
        }
        return sidecar
    }

    /// Reads back an array this type wrote (`.npy`, or tensor `features` of a `.safetensors` file), the values
    /// bit for bit.
    /// - Throws: ``VidClassError`` when the file is missing, unreadable or holds no `features` tensor.
    public static func read(contentsOf path: String) throws(VidClassError) -> (shape: [Int], values: [Float]) {
        do {
            if path.hasSuffix(".npy") { return try NumpyReader.read(contentsOf: path) }
            guard let tensor = try WeightFile.read(contentsOf: path).tensors["features"] else {
                throw VidClassError(.badData, "\(path) holds no tensor named features; give a file vidclass features wrote.")
            }
            return (tensor.shape, tensor.floats())
        } catch {
            throw VidClassError(error)
        }
    }
}

extension SamplingStrategy {
    /// The strategy as the command line spells it (`uniform 16`, `random 8 (seed 0)`), for reports and metadata.
    public var displayName: String { summary }
}

extension FeatureExport {
    /// The `.npy` file (NumPy's format 1.0, little-endian float32, C order) of `values` in `shape`, in memory:
    /// what `vidclass serve` replies to `POST /v1/features` with `Accept: application/x-npy`.
    ///
    /// ```swift
    /// let (shape, values) = FeatureExport.array([row], perFrame: false)
    /// let file = FeatureExport.npyBytes(shape: shape, values: values)   // numpy.load(io.BytesIO(file)).shape == (1, 1280)
    /// ```
    public static func npyBytes(shape: [Int], values: [Float]) -> [UInt8] {
        NumpyWriter.bytes(shape: shape, values: values)
    }
}
