extension ModelBundle {
    /// Throws `.usage` when converting `frames` frames for this model would exceed `budget`.
    func checkMemory(frames: Int, budget: MemoryBudget) throws(VidClassError) {
        let planned = MemoryBudget.plannedBytes(
            frames: frames, preprocess: metadata.preprocess, isClip: metadata.architecture.family.seesClips)
        let crop = metadata.preprocess.cropSize
        try budget.check(planned, for: "Converting \(frames) frames of \(crop)×\(crop) for \(metadata.architecture.rawValue)")
    }
}
