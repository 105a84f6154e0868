import FrameSampling
import ModelCore
import Synchronization
import VidClass
import VideoDecoding

/// The benchmark workloads of Benchmarks/README.md, each a function timed by `main`.
enum Workloads {
    /// D1 / D1k: open the clip, count its frames (demux-only scan), sample T uniform frames, decode them and
    /// convert each into its slot of a normalised [T, 224, 224, 3] tensor.
    static func sampleClip(_ path: String, frames: Int, seek: SeekMode) throws {
        let spec = PreprocessSpec()
        let reader = try VideoReader(.path(path))
        let count = try reader.scanIndex().count
        let indices = try FrameSampler.uniform(frameCount: count, frames: frames)
        let batch = Mutex([Float](repeating: 0, count: frames * spec.valuesPerFrame))
        let slots = Dictionary(indices.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        // Each decoding thread converts its own frames; only the copy into the batch takes the lock.
        try reader.readFramesInParallel(at: indices, mode: seek) { frame, _ in
            var converted = [Float](repeating: 0, count: spec.valuesPerFrame)
            try frame.writeTensor(into: &converted, at: 0, spec: spec)
            let offset = slots[frame.requestedIndex]! * spec.valuesPerFrame
            batch.withLock { $0.replaceSubrange(offset..<offset + spec.valuesPerFrame, with: converted) }
        }
    }

    /// D2: decode every frame in order and convert each to a 224² tensor slot (one reused slot).
    static func decodeAll(_ path: String) throws -> Int {
        let spec = PreprocessSpec(resizeShortSide: 224, cropSize: 224)
        let reader = try VideoReader(.path(path))
        var slot = [Float](repeating: 0, count: spec.valuesPerFrame)
        var frames = 0
        try reader.forEachFrame { frame in
            try frame.writeTensor(into: &slot, at: 0, spec: spec)
            frames += 1
            return true
        }
        return frames
    }

    /// Multiply-adds of the I3D trunk's convolutions on a 64-frame 224² clip (from the layer shapes; pools and
    /// the classifier excluded), the figure GFLOP/s are computed from.
    static let i3dMultiplyAdds = 111.15e9

    /// M1's input: a [batch, 224, 224, 3] tensor of fixed pseudo-random values in [-1, 1], made once outside
    /// the timed runs (as the ONNX Runtime anchor makes its own).
    static func input(batch: Int) -> Tensor {
        let count = batch * 224 * 224 * 3
        return Tensor(shape: [batch, 224, 224, 3], values: (0..<count).map { Float(($0 &* 2_654_435_761) % 2001) / 1000 - 1 })
    }
}
