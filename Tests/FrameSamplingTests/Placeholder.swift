import Testing

@Test func FrameSamplingTestsBuilds() { #expect(Bool(true)) }
