import Foundation
import ModelCore
import Testing
import WeightFiles

@testable import VidClass

/// A bundle with NaN or infinite weights is refused when it loads, naming the tensor, instead of classifying every
/// video as NaN.
@Suite("non-finite weights")
struct NonFiniteWeightTests {
    /// The default bundle rewritten with `value` as the first element of the tensor `name`.
    private func damagedDefaultBundle(_ name: String, value: Float) throws -> String {
        let source = try ModelBundle.defaultPath()
        let archive = try WeightFile.read(contentsOf: source)
        let tensors = archive.names.map { tensorName in
            let stored = archive.tensors[tensorName]!
            var values = stored.floats()
            if tensorName == name { values[0] = value }
            return NamedTensor(name: tensorName, shape: stored.shape, values: values)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-nan-\(UUID().uuidString).safetensors").path
        try SafeTensorsWriter.write(tensors, metadata: archive.metadata, storage: .float32, to: path, overwrite: false)
        return path
    }

    @Test(arguments: [Float.nan, .infinity])
    func aNonFiniteHeadWeightIsRefused(value: Float) throws {
        let path = try damagedDefaultBundle("head.classifier.weight", value: value)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: VidClassError.self) { try ModelBundle(contentsOf: path) }
        #expect(error?.category == .badData)
        #expect(error?.message.contains("\"head.classifier.weight\" holds NaN or infinite values") == true, "\(error?.message ?? "")")
    }

    @Test func aNonFiniteBackboneWeightIsRefused() throws {
        let archive = try WeightFile.read(contentsOf: try ModelBundle.defaultPath())
        let name = try #require(archive.names.first { $0.hasPrefix(ModelBundle.backbonePrefix) && $0.hasSuffix(".weight") })
        let path = try damagedDefaultBundle(name, value: -.infinity)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: VidClassError.self) { try ModelBundle(contentsOf: path) }
        #expect(error?.category == .badData)
        #expect(error?.message.contains("holds NaN or infinite values") == true, "\(error?.message ?? "")")
    }

    @Test func theFinitenessCheckSeesEveryNonFiniteKind() {
        #expect([Float](repeating: 1, count: 1000).allFinite)
        #expect([Float.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0].allFinite)
        for bad in [Float.nan, -.nan, .infinity, -.infinity, .signalingNaN] {
            var values = [Float](repeating: 0.5, count: 1001)
            values[777] = bad
            #expect(!values.allFinite, "\(bad)")
        }
    }

    /// The check over every tensor must not make loading noticeably slower (the default bundle loads in ~25 ms).
    @Test func theDefaultBundleStillLoadsQuickly() throws {
        let path = try ModelBundle.defaultPath()
        _ = try ModelBundle(contentsOf: path)
        let clock = ContinuousClock()
        let best = try (0..<3).map { _ in try clock.measure { _ = try ModelBundle(contentsOf: path) } }.min()!
        print("default bundle load: \(best)")
        #expect(best < .milliseconds(150))
    }
}
