/// Independent restatements of DESIGN.md's sampling formulas, written directly from the text in plain integer
/// arithmetic (exact for the sizes the tests use), against which the library is checked.
enum Reference {
    /// Uniform: `⌊(i + ½) · N / T⌋` as `(2i + 1) · N / (2T)` in integer division.
    static func uniform(frameCount n: Int, frames t: Int) -> [Int] {
        (0..<t).map { i in (2 * i + 1) * n / (2 * t) }
    }

    /// Stride: L = (T − 1)·step + 1, start = ⌊(N − L + 1) / 2⌋ when N ≥ L else 0; positions past the end
    /// follow the policy (nil for `error`).
    static func stride(frameCount n: Int, frames t: Int, step: Int, policy: String) -> [Int]? {
        let span = (t - 1) * step + 1
        let start = n >= span ? (n - span + 1) / 2 : 0
        var result: [Int] = []
        for k in 0..<t {
            let position = start + k * step
            if position < n {
                result.append(position)
            } else if policy == "loop" {
                result.append(position % n)
            } else if policy == "repeat-last" {
                result.append(n - 1)
            } else {
                return nil
            }
        }
        return result
    }

    /// Multi-clip: mmaction2's test-mode spread, `np.round(np.arange(K) * (S / (K − 1)))` with S = N − L, here in
    /// double precision (exact for these sizes: a true half is representable and nothing else rounds onto one);
    /// repeated starts dropped; the single centred clip when K = 1 or S ≤ 0.
    static func clips(frameCount n: Int, clips k: Int, frames t: Int, step: Int, policy: String) -> [[Int]]? {
        let lastStart = n - ((t - 1) * step + 1)
        guard k > 1, lastStart > 0 else { return stride(frameCount: n, frames: t, step: step, policy: policy).map { [$0] } }
        var starts: [Int] = []
        for clip in 0..<k {
            let start = Int((Double(clip) * (Double(lastStart) / Double(k - 1))).rounded(.toNearestOrEven))
            if starts.last != start { starts.append(start) }
        }
        return starts.map { start in (0..<t).map { start + $0 * step } }
    }

    /// The frame sizes swept by the index sampler tests.
    static let frameCounts = [1, 7, 16, 100, 301, 1000]

    /// The sample sizes swept by the index sampler tests.
    static let sampleCounts = [1, 8, 16, 25]
}
