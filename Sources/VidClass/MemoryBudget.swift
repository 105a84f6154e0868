import Foundation
import VideoDecoding

/// How much memory one job may plan to use, checked before any frame is decoded.
///
/// The big buffers of a job follow from numbers an attacker or a typo can choose: `--frames 10000` with a clip
/// model holds 10 000 × 224² × 3 floats (6 GB) plus the network's activations; a timeline over a long video
/// converts every distinct frame of every window. Instead of discovering that by being killed, a job sums
/// its planned buffers (``plannedBytes(frames:preprocess:isClip:)``) and fails up front, in one sentence,
/// when they exceed the budget. The default is half the machine's physical memory; the CLI's `--max-memory`
/// sets it.
///
/// ```swift
/// try MemoryBudget.default.check(MemoryBudget.plannedBytes(frames: 64, preprocess: spec, isClip: true), for: "64 frames")
/// ```
public struct MemoryBudget: Sendable, Equatable {
    /// The most bytes a job may plan for.
    public var bytes: Int

    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// Half the physical memory.
    public static var `default`: MemoryBudget {
        MemoryBudget(bytes: Int(clamping: ProcessInfo.processInfo.physicalMemory / 2))
    }

    /// A clip network's activations, as a multiple of its input; I3D's first layers hold about 3× their input
    /// at once, and the reordered copy of the clip adds one more.
    static let clipActivationFactor = 4

    /// The bytes a job that converts `frames` frames plans for: the model-input floats of every frame (held
    /// all at once; for a clip network also its activations), plus the largest resize buffer one frame can need.
    /// Saturates instead of overflowing.
    public static func plannedBytes(frames: Int, preprocess: PreprocessSpec, isClip: Bool) -> Int {
        let perFrame = preprocess.valuesPerFrame.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        let all = perFrame.partialValue.multipliedReportingOverflow(by: frames)
        let factor = all.partialValue.multipliedReportingOverflow(by: isClip ? clipActivationFactor : 1)
        guard !perFrame.overflow, !all.overflow, !factor.overflow else { return .max }
        let resize = preprocess.maximumResizeBytes
        let (sum, overflow) = factor.partialValue.addingReportingOverflow(resize)
        return overflow ? .max : sum
    }

    /// Throws `.usage` when `bytes` planned for `what` exceed the budget.
    public func check(_ planned: Int, for what: String) throws(VidClassError) {
        guard planned > bytes else { return }
        throw VidClassError(
            .usage,
            "\(what) would need about \(Self.describe(planned)) of memory, more than the \(Self.describe(bytes)) allowed",
            suggestion: .fewerFramesOrMoreMemory)
    }

    /// `bytes` in binary units, e.g. `5.9 GiB`.
    static func describe(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f", value) + " " + units[unit]
    }
}
