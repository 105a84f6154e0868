import FrameSampling
import ModelCore
import VideoDecoding

/// How to classify a video: which frames, how to find them, how to pool them, how many labels to report.
public struct ClassifyOptions: Sendable, Equatable {
    /// Which frames to sample; `nil` uses the model's own (``BundleMetadata/defaultSampling``: the frame count and
    /// method the bundle was trained or converted with, e.g. 16 uniform frames for the ImageNet model, one dense
    /// clip of 64 for the Kinetics-400 I3D). To change one field only, resolve a ``SamplingRequest`` against the
    /// bundle: `bundle.metadata.samplingStrategy(for: SamplingRequest(frames: 8))`.
    public var sampling: SamplingStrategy?
    /// `.exact` decodes exactly the sampled frames; `.keyframe` snaps each to its nearest keyframe (faster, approximate).
    public var seek: SeekMode
    /// Pooling over time; `nil` uses the bundle's own.
    public var pooling: Pooling?
    /// How many labels to report.
    public var top: Int
    /// Decoder threads; 0 lets FFmpeg choose.
    public var decoderThreads: Int
    /// Also compute each sampled frame's own top label (for contact sheets and per-frame reports).
    public var perFrameLabels: Bool
    /// Keep the sampled frames as RGB pictures in the result's clip (for contact sheets).
    public var keepFrames: Bool
    /// The time opening and decoding may take; past it classification fails with a bad-data error. Nil: no limit.
    public var timeout: Duration?
    /// The largest frame accepted, in pixels; larger videos fail with a bad-data error (default 16384²).
    public var maximumFramePixels: Int
    /// The most bytes of a pipe held in memory so it is sampled exactly like the same file (default 1 GiB; see
    /// ``VideoDecoding/DecoderOptions/pipeBufferLimit``). A longer stream is sampled in one pass, approximately,
    /// and its result says so (``Classification/approximate``).
    public var pipeBufferLimit: Int
    /// The memory the job's planned buffers may take; checked before decoding (see ``MemoryBudget``).
    public var memoryBudget: MemoryBudget
    /// The threads the model computes on (default ``ComputeContext/process``: every core, shared helpers).
    public var compute: ComputeContext

    public init(
        sampling: SamplingStrategy? = nil, seek: SeekMode = .exact, pooling: Pooling? = nil,
        top: Int = 5, decoderThreads: Int = 0, perFrameLabels: Bool = false, keepFrames: Bool = false,
        timeout: Duration? = nil, maximumFramePixels: Int = DecoderOptions.defaultMaximumFramePixels,
        pipeBufferLimit: Int = DecoderOptions.defaultPipeBufferLimit,
        memoryBudget: MemoryBudget = .default, compute: ComputeContext = .process
    ) {
        self.sampling = sampling
        self.seek = seek
        self.pooling = pooling
        self.top = top
        self.decoderThreads = decoderThreads
        self.perFrameLabels = perFrameLabels
        self.keepFrames = keepFrames
        self.timeout = timeout
        self.maximumFramePixels = maximumFramePixels
        self.pipeBufferLimit = pipeBufferLimit
        self.memoryBudget = memoryBudget
        self.compute = compute
    }

    /// How to open the video: `decoderThreads`, `maximumFramePixels`, `pipeBufferLimit`, and `timeout` counted
    /// from now.
    public var decoderOptions: DecoderOptions {
        DecoderOptions(
            threadCount: decoderThreads, maximumFramePixels: maximumFramePixels, deadline: timeout.map { .now + $0 },
            pipeBufferLimit: pipeBufferLimit)
    }
}

extension SamplingStrategy {
    /// The strategy as the command line spells it, for reports.
    var summary: String {
        switch self {
        case .uniform(let frames): "uniform \(frames)"
        case .stride(let frames, let step, let policy): "stride \(frames)x\(step) (\(policy.rawValue))"
        case .clips(let count, let frames, let step, let policy): "\(count) clips of stride \(frames)x\(step) (\(policy.rawValue))"
        case .random(let frames, let seed): "random \(frames) (seed \(seed))"
        case .indices(let list): "indices \(list.map(String.init).joined(separator: ","))"
        }
    }
}
