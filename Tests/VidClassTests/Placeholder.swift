import Testing

@Test func VidClassTestsBuilds() { #expect(Bool(true)) }
