import Foundation
import Testing

@testable import WeightFiles

/// Locating fixtures, temporary files and the expected values written by scripts/make-weight-fixtures.py.
enum Fixture {
    /// The path of a fixture file shipped in the test bundle.
    static func path(_ name: String) throws -> String {
        let dot = name.lastIndex(of: ".")!
        let url = Bundle.module.url(
            forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]), subdirectory: "Fixtures")
        return try #require(url, "fixture \(name) is missing from the test bundle").path
    }

    /// The bytes of a fixture.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: try path(name))))
    }

    /// One tensor's expected shape and values.
    struct Expected: Decodable {
        var shape: [Int]
        var values: [Float]
    }

    /// The expected tensors of `tiny-expected.json` (or `tiny-expected-f16.json`).
    static func expected(_ name: String = "tiny-expected.json") throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(try bytes(name)))
    }
}

/// A fresh temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "weightfiles-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to a file called `name` in the directory and returns its path.
    func write(_ bytes: [UInt8], as name: String) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The path of `name` inside the directory (not created).
    func file(_ name: String) -> String { path + "/" + name }
}

/// Runs `body` and returns the `WeightFileError` it throws, or nil if it succeeds.
func weightFileError<T>(_ body: () throws(WeightFileError) -> T) -> WeightFileError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
