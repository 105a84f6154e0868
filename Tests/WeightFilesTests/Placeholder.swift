import Testing

@Test func WeightFilesTestsBuilds() { #expect(Bool(true)) }
