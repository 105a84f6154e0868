import ModelCore

extension ModelBundle {
    /// The backbone's features of `batch`, its frames in sampling order, computed within `compute`.
    ///
    /// An image backbone gives one row per frame. A clip network (I3D) takes the frames as a clip and gives
    /// one row per temporal position; when the sampling spread several clips over the video
    /// (`framesPerClip`, see ``FrameSampling/SamplingStrategy/clips(count:frames:step:policy:)``), each clip goes
    /// through the network on its own and their rows are stacked clip after clip. The head's pooling then
    /// averages over every clip's positions: for a mean-pooled linear head, the same as averaging the clips'
    /// scores (mmaction2's `average_clips='score'`).
    func backboneFeatures(of batch: Tensor, framesPerClip: Int?, in compute: ComputeContext) throws -> Tensor {
        guard metadata.architecture.family.seesClips, let framesPerClip, batch.shape[0] > framesPerClip else {
            return try backbone.features(batch, in: compute)
        }
        let valuesPerClip = framesPerClip * batch.values.count / batch.shape[0]
        var stacked: Tensor?
        for start in stride(from: 0, to: batch.values.count, by: valuesPerClip) {
            var shape = batch.shape
            shape[0] = framesPerClip
            let clip = try backbone.features(Tensor(shape: shape, values: Array(batch.values[start..<start + valuesPerClip])), in: compute)
            if stacked == nil {
                stacked = clip
            } else {
                stacked!.shape[0] += clip.shape[0]
                stacked!.values += clip.values
            }
        }
        return stacked!
    }
}
