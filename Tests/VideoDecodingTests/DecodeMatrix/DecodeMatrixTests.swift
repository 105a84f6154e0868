import Foundation
import Synchronization
import Testing
import VideoDecoding

/// Differential test of exact frame access against the ffmpeg CLI, over codecs × containers, damaged starts and
/// every video fixture.
///
/// The promise: frame `i` (0-based, presentation order) from `readFrames(at:)` and `readFramesInParallel(at:)` is,
/// bit for bit, the `i`-th frame `ffmpeg -i X -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt rgb24 -`
/// outputs (see `CLIReference`). Each case asks for 16 evenly spread and 16 seeded random frames
/// (`RequestedIndices`). Each way of reading is a test of its own, so a report shows at a glance which legs of
/// which cases fail: the frame count, the file path, parallel decoders, a pipe, and keyframe mode.
@Suite(.enabled(if: CommandLineTool.ffmpeg != nil && CommandLineTool.ffprobe != nil, "needs the ffmpeg and ffprobe CLIs"))
struct DecodeMatrixTests {
    /// Every encoder of the table exists in this ffmpeg (Debian bookworm's has them all).
    @Test func theTableUsesOnlyEncodersThisFFmpegHas() throws {
        let encoders = try CommandLineTool.output(of: CommandLineTool.ffmpeg, ["-hide_banner", "-encoders"])
        let names = Set(encoders.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) })
        for encoding in Encoding.all {
            #expect(names.contains(encoding.encoder), "ffmpeg has no \(encoding.encoder) encoder for \(encoding.name)")
        }
    }

    /// `scanIndex().count` is the number of frames the CLI outputs.
    @Test(arguments: MatrixCase.all)
    func frameCountMatchesCLI(_ matrixCase: MatrixCase) async throws {
        guard let ready = try await prepared(matrixCase) else { return }
        let (path, reference) = ready
        let reader = try VideoReader(.path(path), options: options(reference))
        let count = matrixCase.damageShowsOnlyWhenDecoded ? try reader.reindexByDecoding().count : try reader.scanIndex().count
        #expect(count == reference.frames.count, "\(matrixCase.name) [count]: scanIndex has \(count) frames, the CLI outputs \(reference.frames.count)")
    }

    /// `readFrames(at:)` on the file path.
    @Test(arguments: MatrixCase.all)
    func exactFramesByPathMatchCLI(_ matrixCase: MatrixCase) async throws {
        guard let ready = try await prepared(matrixCase) else { return }
        let (path, reference) = ready
        let verdict = LegVerdict(caseName: matrixCase.name, leg: "exact path", reference: reference)
        let requests = matrixCase.comparable(RequestedIndices.of(count: reference.frames.count, seed: matrixCase.name))
        var deliveries: [Delivery] = []
        do {
            let reader = try VideoReader(.path(path), options: options(reference))
            try renumberingOnce {
                deliveries = []
                try reader.readFrames(at: requests) { deliveries.append(try Delivery($0)) }
            }
        } catch {
            return verdict.threw(error)
        }
        verdict.check(deliveries, requests: requests)
    }

    /// `readFramesInParallel(at:)` with two decoders on the file path.
    @Test(arguments: MatrixCase.all)
    func exactFramesInParallelMatchCLI(_ matrixCase: MatrixCase) async throws {
        guard let ready = try await prepared(matrixCase) else { return }
        let (path, reference) = ready
        let verdict = LegVerdict(caseName: matrixCase.name, leg: "exact parallel", reference: reference)
        let requests = matrixCase.comparable(RequestedIndices.of(count: reference.frames.count, seed: matrixCase.name))
        let deliveries = Mutex<[Delivery]>([])
        do {
            let reader = try VideoReader(.path(path), options: options(reference))
            try renumberingOnce {
                deliveries.withLock { $0 = [] }
                try reader.readFramesInParallel(at: requests, decoders: 2) { frame, _ in
                    let delivery = try Delivery(frame)
                    deliveries.withLock { $0.append(delivery) }
                }
            }
        } catch {
            return verdict.threw(error)
        }
        verdict.check(deliveries.withLock { $0 }, requests: requests)
    }

    /// `readFrames(at:)` on a non-seekable source carrying the file's bytes, as a pipe would.
    @Test(arguments: MatrixCase.all)
    func exactFramesThroughPipeMatchCLI(_ matrixCase: MatrixCase) async throws {
        guard let ready = try await prepared(matrixCase) else { return }
        let (path, reference) = ready
        let verdict = LegVerdict(caseName: matrixCase.name, leg: "exact pipe", reference: reference)
        let requests = matrixCase.comparable(RequestedIndices.of(count: reference.frames.count, seed: matrixCase.name))
        var deliveries: [Delivery] = []
        do {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let reader = try VideoReader(.source(ByteArraySource(bytes, isSeekable: false)), options: options(reference))
            try reader.readFrames(at: requests) { deliveries.append(try Delivery($0)) }
        } catch {
            return verdict.threw(error)
        }
        verdict.check(deliveries, requests: requests)
    }

    /// `readFrames(at:mode: .keyframe)` on the file path: each answer is a keyframe of the reader's index, with the
    /// CLI's picture of that frame.
    @Test(arguments: MatrixCase.all)
    func keyframeModeMatchesCLI(_ matrixCase: MatrixCase) async throws {
        guard let ready = try await prepared(matrixCase) else { return }
        let (path, reference) = ready
        let verdict = LegVerdict(caseName: matrixCase.name, leg: "keyframe path", reference: reference)
        let requests = matrixCase.comparable(RequestedIndices.of(count: reference.frames.count, seed: matrixCase.name))
        var deliveries: [Delivery] = []
        let keyframes: Set<Int>
        do {
            let reader = try VideoReader(.path(path), options: options(reference))
            keyframes = Set(try reader.scanIndex().keyframes)
            try reader.readFrames(at: requests, mode: .keyframe) { deliveries.append(try Delivery($0)) }
        } catch {
            return verdict.threw(error)
        }
        verdict.check(deliveries, requests: requests, keyframes: keyframes)
    }

    /// Runs `read`, and once more if it met damaged data that made the reader number the frames again (the
    /// requests come from the CLI's count, so they stay valid on the new numbering).
    private func renumberingOnce(_ read: () throws -> Void) throws {
        do {
            try read()
        } catch let error as VideoError where error.kind == .framesRenumbered {
            try read()
        }
    }

    /// The case's file and CLI reference, or nil (after saying why) when the CLI itself cannot decode a fixture.
    private func prepared(_ matrixCase: MatrixCase) async throws -> (String, CLIReference)? {
        let prepared = try await MatrixClips.shared.prepared(matrixCase)
        guard let reference = prepared.reference, !reference.frames.isEmpty else {
            print("\(matrixCase.name): not checked, the CLI cannot decode it: \(prepared.cliFailure ?? "no frames")")
            return nil
        }
        return (prepared.path, reference)
    }

    /// The stream the CLI's `-map 0:v:0` decodes, which need not be the reader's default choice.
    private func options(_ reference: CLIReference) -> DecoderOptions {
        DecoderOptions(streamIndex: reference.streamIndex)
    }
}
