import FrameSampling
import Foundation
import WeightFiles

/// Writes the features of several videos as one array for other tools: `.npy` (NumPy reads it as is) or
/// `.safetensors` (tensor `features`, plus the input names and sampling in its metadata).
///
/// ```swift
/// try FeatureExport.write(rows, inputs: ["a.mp4", "b.mp4"], sampling: "uniform 16", perFrame: false,
///                         to: "emb.npy", overwrite: false)   // numpy.load("emb.npy").shape == (2, 1280)
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

    /// Writes `rows` to `path`, choosing the format by its extension (`.npy`, else safetensors); returns the
    /// array's shape.
    /// - Throws: ``VidClassError`` `.cannotCreate` when `path` exists and `overwrite` is false, `.io` when it
    ///   cannot be written. Nothing is left at `path` on failure.
    @discardableResult
    public static func write(
        _ rows: [FrameFeatures], inputs: [String], sampling: String, perFrame: Bool, to path: String, overwrite: Bool
    ) throws(VidClassError) -> [Int] {
        let (shape, values) = array(rows, perFrame: perFrame)
        try write(shape: shape, values: values, inputs: inputs, sampling: sampling, to: path, overwrite: overwrite)
        return shape
    }

    /// Writes an array already laid out (`shape`, row-major `values`) whose rows are the features of `inputs`,
    /// as ``write(_:inputs:sampling:perFrame:to:overwrite:)`` does: the same bytes for the same array.
    public static func write(
        shape: [Int], values: [Float], inputs: [String], sampling: String, to path: String, overwrite: Bool
    ) throws(VidClassError) {
        do {
            if path.hasSuffix(".npy") {
                try NumpyWriter.write(shape: shape, values: values, to: path, overwrite: overwrite)
            } else {
                let names = String(decoding: (try? JSONEncoder().encode(inputs)) ?? Data("[]".utf8), as: UTF8.self)
                try SafeTensorsWriter.write(
                    [NamedTensor(name: "features", shape: shape, values: values)],
                    metadata: ["inputs": names, "sampling": sampling], storage: .float32, to: path, overwrite: overwrite)
            }
        } catch {
            throw VidClassError(error)
        }
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
