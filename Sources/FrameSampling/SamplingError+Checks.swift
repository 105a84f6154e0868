/// The checks every sampler runs on its parameters, each failing with a ``SamplingError`` that names the
/// parameter and its value.
extension SamplingError {
    /// Throws unless `value` lies in `range`: "frames (0) must be ≥ 1", "step (200000) must be ≤ 100000".
    static func check(_ value: Int, named parameter: String, in range: ClosedRange<Int>) throws(SamplingError) {
        if value < range.lowerBound {
            throw SamplingError(parameter: parameter, message: "\(parameter) (\(value)) must be ≥ \(range.lowerBound)")
        }
        if value > range.upperBound {
            throw SamplingError(parameter: parameter, message: "\(parameter) (\(value)) must be ≤ \(range.upperBound)")
        }
    }

    /// Throws unless a video has at least one frame: "frameCount (0) must be ≥ 1".
    static func check(frameCount: Int) throws(SamplingError) {
        try check(frameCount, named: "frameCount", in: 1...Int.max)
    }

    /// Throws unless `frames` lies in `1...FrameSampler.maximumFrames`.
    static func check(frames: Int) throws(SamplingError) {
        try check(frames, named: "frames", in: 1...FrameSampler.maximumFrames)
    }

    /// Throws unless `clips` lies in `1...FrameSampler.maximumClips`, `frames` in its range, and all the clips
    /// together sample at most ``FrameSampler/maximumFrames`` frames.
    static func check(clips: Int, frames: Int) throws(SamplingError) {
        try check(clips, named: "clips", in: 1...FrameSampler.maximumClips)
        try check(frames: frames)
        try check(clips * frames, named: "clips × frames", in: 1...FrameSampler.maximumFrames)
    }

    /// Throws unless `step` lies in `1...FrameSampler.maximumStep`.
    static func check(step: Int) throws(SamplingError) {
        try check(step, named: "step", in: 1...FrameSampler.maximumStep)
    }

    /// The error of a strided clip that does not fit in the video under ``OutOfRangePolicy/error``.
    static func clipTooLong(frameCount: Int, frames: Int, step: Int) -> SamplingError {
        let span = FrameSampler.strideSpan(frames: frames, step: step)
        return SamplingError(
            parameter: "frameCount",
            message: "frameCount (\(frameCount)) is shorter than the clip of \(frames) frames with step \(step), "
                + "which spans \(span) frames; lower frames or step, or use policy loop or repeat-last")
    }

    /// Throws unless a stream that offered `framesOffered` frames and kept some can end with `frameCount`
    /// frames: the count must be at least 1 and at least the frames offered, and something must be kept.
    static func checkStreamEnd(frameCount: Int, framesOffered: Int, keptAny: Bool) throws(SamplingError) {
        try check(frameCount: frameCount)
        if frameCount < framesOffered {
            throw SamplingError(
                parameter: "frameCount",
                message: "frameCount (\(frameCount)) is less than the \(framesOffered) frames offered; "
                    + "pass the number of frames in the stream")
        }
        if !keptAny {
            throw SamplingError(
                parameter: "keep",
                message: "keep was never called, so no frame is held at the end of the stream; "
                    + "keep at least one frame that wants accepted")
        }
    }
}
