import Foundation

/// What a features file holds, row by row, and how it was made: written beside a `.npy` as `NAME.npy.json`
/// and inside a `.safetensors` as its `vidclass` metadata entry.
///
/// ```json
/// {"run": {"version": "0.1.0", "model": {"name": "…", "sha256": "…"},
///          "options": {"sampling": "uniform", "frames": 16, "seek": "exact", "pooling": "mean"}},
///  "shape": [2, 1280], "per_frame": false,
///  "rows": ["a.mp4", "b.mp4"],
///  "left_out": [{"input": "broken.mp4", "error": "broken.mp4 is not a video …"}]}
/// ```
///
/// Row i of the array is the video `rows[i]`; an input that could not be read has no row and is listed in
/// `left_out` with its one-sentence error, so a reader can tell a missing video from one never asked for.
/// Per-frame features are not pooled, so their `run.options` has no `pooling`.
public struct FeatureSidecar: Sendable, Equatable, Codable {
    /// An input with no row, and why.
    public struct LeftOut: Sendable, Equatable, Codable {
        public var input: String
        public var error: String

        public init(input: String, error: String) {
            self.input = input
            self.error = error
        }
    }

    /// The vidclass version, the model (name and SHA-256) and the options that made the rows.
    public var run: RunDescription
    /// The array's shape: `[rows, d]`, or `[rows, T, d]` per frame.
    public var shape: [Int]
    public var perFrame: Bool
    /// The input of each row, in row order.
    public var rows: [String]
    public var leftOut: [LeftOut]

    enum CodingKeys: String, CodingKey {
        case run, shape, perFrame = "per_frame", rows, leftOut = "left_out"
    }

    public init(run: RunDescription, shape: [Int], perFrame: Bool, rows: [String], leftOut: [LeftOut]) {
        self.run = run
        self.shape = shape
        self.perFrame = perFrame
        self.rows = rows
        self.leftOut = leftOut
    }

    /// Where the sidecar of the `.npy` file at `path` lives: beside it, `.json` appended to its whole name, so
    /// it can never be mistaken for (or replace) a file of the user's.
    public static func path(besideArray path: String) -> String { path + ".json" }

    /// The sidecar as JSON (keys sorted, so equal sidecars are equal bytes), newline included.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
