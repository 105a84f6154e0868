import Testing
import VideoDecoding

/// Decoder options: the batch thread budget and explicit thread counts decode identically.
@Suite struct OptionsTests {
    @Test func batchOptionsShareTheCores() {
        #expect(DecoderOptions.batch(concurrentDecoders: 4, cores: 8).threadCount == 2)
        #expect(DecoderOptions.batch(concurrentDecoders: 16, cores: 8).threadCount == 1)
        #expect(DecoderOptions.batch(concurrentDecoders: 0, cores: 2).threadCount == 2)
    }

    @Test(arguments: [0, 1, 3])
    func threadCountDoesNotChangePixels(threads: Int) throws {
        let reference = try Fixture.image("nasa_13013.mp4.stream3.frame000035.png")
        let frames = try Fixture.frames(
            "torchcodec_nasa_13013.mp4", at: [35], options: DecoderOptions(threadCount: threads))
        #expect(frames[35] == reference)
    }
}
