import VidClass

let classifier = try VideoClassifier()          // loads the default bundle once (memory-mapped)
let result = try classifier.classify(.path("clip.mp4"), options: ClassifyOptions(sampling: .uniform(frames: 8)))
for prediction in result.predictions {
    print(prediction.label, prediction.probability)
}
