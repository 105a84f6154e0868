import Testing

@testable import ModelCore

/// The seeded draws training relies on: reproducible, and distributed as documented.
@Suite struct TrainingRandomTests {
    @Test func gaussianSamplesHaveTheRequestedMeanAndDeviation() {
        var random = SplitMix64(seed: 1)
        let samples = (0..<20_000).map { _ in Double(random.gaussian(standardDeviation: 2)) }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count)
        // Standard errors: 2/√20000 ≈ 0.014 for the mean, about 0.02 for the deviation.
        #expect(abs(mean) < 0.06)
        #expect(abs(variance.squareRoot() - 2) < 0.08)
        #expect(samples.allSatisfy { $0.isFinite })
    }

    @Test func shuffleIsASeededPermutationThatVisitsEveryPosition() {
        var random = SplitMix64(seed: 2)
        var again = SplitMix64(seed: 2)
        var firstPlaces = [Int](repeating: 0, count: 5)
        for _ in 0..<5_000 {
            var order = Array(0..<5)
            var copy = order
            random.shuffle(&order)
            again.shuffle(&copy)
            #expect(order == copy)
            #expect(order.sorted() == Array(0..<5))
            firstPlaces[order[0]] += 1
        }
        // Each element leads 1000 times in expectation (standard deviation ≈ 28).
        #expect(firstPlaces.allSatisfy { abs($0 - 1000) < 150 }, "\(firstPlaces)")
        var single = [42]
        random.shuffle(&single)
        #expect(single == [42])
    }
}
