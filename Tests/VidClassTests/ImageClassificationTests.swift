import Testing
import VidClass

/// Still images are one-frame videos: the whole pipeline (FFmpeg's image decoders, our own resize, crop and
/// normalisation, the default model) gives what the numpy reference gives on its Pillow-preprocessed input:
/// chelsea → tiger cat 0.383 / Egyptian cat 0.370 / tabby 0.161, coffee → espresso 0.957,
/// squirrel → fox squirrel 0.917 (../shared/testdata/INDEX.md).
@Suite("images end to end")
struct ImageClassificationTests {
    @Test(arguments: [
        ("skimage_chelsea.png", ["tiger cat", "Egyptian cat", "tabby"], 0.383),
        ("skimage_coffee.png", ["espresso"], 0.957),
        ("opencv_squirrel_cls.jpg", ["fox squirrel"], 0.917),
    ])
    func topLabelsMatchTheReference(image: String, labels: [String], probability: Double) throws {
        let result = try TestSupport.classifier().classify(
            .path(TestSupport.fixture(image).path), options: ClassifyOptions(sampling: .uniform(frames: 1), top: 3))
        #expect(result.video.frameCount == 1)
        #expect(Array(result.predictions.map(\.label).prefix(labels.count)) == labels)
        #expect(abs(Double(result.predictions[0].probability) - probability) < 0.02)
    }
}
