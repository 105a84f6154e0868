import Foundation
import Testing
import VideoDecoding

@testable import VidClass

/// Numbers from options and files that would turn into unbounded loops or allocations are refused up front.
@Suite("hostile options")
struct HostileOptionTests {
    @Test(arguments: [1e-20, 1e-6, 0.0009, 0, -1, .infinity, .nan])
    func timelineWindowsAndHopsBelowAMillisecondAreRefused(_ seconds: Double) {
        for options in [TimelineOptions(window: seconds), TimelineOptions(hop: seconds)] {
            do {
                try options.validate(frames: 8)
                Issue.record("\(seconds) s was accepted")
            } catch {
                #expect(error.category == .usage)
                #expect(error.message.contains("at least 0.001"))
            }
        }
        #expect((try? TimelineOptions(window: 0.001, hop: 0.001).validate(frames: 8)) != nil)
    }

    @Test func aTimelineOfTooManyWindowsIsRefused() throws {
        let options = TimelineOptions(window: 2, hop: 1)
        // An MKV whose timestamps jump by 10^9 s claims a duration of 10^9 s: 10^9 windows.
        do {
            try options.checkWindowCount(duration: 1e9, input: "jump.mkv")
            Issue.record("a 10^9-window timeline was accepted")
        } catch {
            #expect(error.category == .usage)
            #expect(error.message.contains("jump.mkv") && error.suggestion == .longerHop, "\(error.message)")
        }
        do {
            try options.checkWindowCount(duration: .infinity, input: "forever.mkv")
            Issue.record("an infinite duration was accepted")
        } catch {
            #expect(error.category == .badData)
        }
        try options.checkWindowCount(duration: Double(TimelineOptions.maximumWindows), input: "long.mkv")
    }

    @Test func plannedMemorySaturatesAndIsCheckedAgainstTheBudget() throws {
        let spec = PreprocessSpec()
        let one = MemoryBudget.plannedBytes(frames: 1, preprocess: spec, isClip: false)
        #expect(one >= spec.valuesPerFrame * 4)
        #expect(MemoryBudget.plannedBytes(frames: 10_000, preprocess: spec, isClip: true) > 10_000 * spec.valuesPerFrame * 4 * 3)
        #expect(MemoryBudget.plannedBytes(frames: .max / 2, preprocess: spec, isClip: true) == .max)
        let budget = MemoryBudget(bytes: 1 << 30)
        try budget.check(one, for: "One frame")
        do {
            try budget.check(MemoryBudget.plannedBytes(frames: 10_000, preprocess: spec, isClip: false), for: "Converting 10000 frames")
            Issue.record("6 GB of frames fit in a 1 GiB budget")
        } catch {
            #expect(error.category == .usage)
            #expect(error.message.hasPrefix("Converting 10000 frames would need about 5.6 GiB"), "\(error.message)")
            #expect(error.message.contains("1.0 GiB allowed"))
        }
        #expect(MemoryBudget.default.bytes > 0)
    }

    @Test func classifyingMoreFramesThanTheBudgetAllowsFailsBeforeDecoding() throws {
        let classifier = try TestSupport.classifier()
        let options = ClassifyOptions(sampling: .uniform(frames: 10_000), memoryBudget: MemoryBudget(bytes: 1 << 30))
        do {
            _ = try classifier.classify(.path(TestSupport.sampleClip("bikes.mp4")), options: options)
            Issue.record("classification went ahead")
        } catch {
            #expect(error.category == .usage)
            #expect(error.suggestion == .fewerFramesOrMoreMemory && error.message.hasSuffix("raise the memory budget."))
        }
    }

    @Test func preprocessingBeyondItsBoundsIsInvalid() {
        for spec in [
            PreprocessSpec(resizeShortSide: PreprocessSpec.maximumSide + 1, cropSize: 224),
            PreprocessSpec(resizeShortSide: 1 << 62, cropSize: 1 << 62),
            PreprocessSpec(mean: [.nan, 0, 0]),
            PreprocessSpec(std: [.infinity, 1, 1]),
        ] {
            #expect(throws: VideoError.self) { try spec.validate() }
        }
        #expect(PreprocessSpec().resizedSize(width: 1, height: Int(Int32.max)).height > 0)
    }
}
