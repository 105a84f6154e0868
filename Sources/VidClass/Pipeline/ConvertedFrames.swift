/// The model input of sampled frames, from the buffer they were converted into: `slots[i]` is where sampled frame
/// i's `valuesPerFrame` values lie in `converted` (frames are converted once each, in decoding order).
///
/// Distinct frames in decoding order, the usual case, are the buffer itself (no copy); a clip that repeats frames
/// (a looped short video) or reorders them (concurrent decoding) is gathered.
func framesInSamplingOrder(_ converted: [Float], slots: [Int], valuesPerFrame: Int) -> [Float] {
    if slots.elementsEqual(slots.indices), converted.count == slots.count * valuesPerFrame { return converted }
    return slots.flatMap { converted[$0 * valuesPerFrame..<($0 + 1) * valuesPerFrame] }
}
