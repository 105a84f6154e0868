import VidClass

let classifier = try VideoClassifier()
let inputs: [VideoInput] = [.path("clip.mp4"), .path("other.mkv")]
let options = ClassifyOptions(sampling: .uniform(frames: 8))

// One task per video; each decodes on a thread of its own, so the Swift concurrency pool never waits on it.
let results = try await withThrowingTaskGroup(of: Classification.self) { group in
    for input in inputs {
        group.addTask { try await classifier.classify(input, options: options) }
    }
    var results: [Classification] = []
    for try await result in group { results.append(result) }
    return results
}
for result in results.sorted(by: { $0.input < $1.input }) {
    print(result.input, result.predictions[0].label)
}

// Cancelling a task stops its decoding within a few packets; the task then throws CancellationError.
let long = Task { try await classifier.classify(.path("other.mkv"), options: ClassifyOptions(sampling: .uniform(frames: 300))) }
long.cancel()
do {
    _ = try await long.value
} catch is CancellationError {
    print("cancelled")
}
