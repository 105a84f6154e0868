import Testing

@Test func ModelCoreTestsBuilds() { #expect(Bool(true)) }
