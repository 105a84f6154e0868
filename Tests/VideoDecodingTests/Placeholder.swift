import Testing

@Test func VideoDecodingTestsBuilds() { #expect(Bool(true)) }
