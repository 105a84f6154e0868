/// Which pictures of one GOP the decoder can be spared when only some frames are wanted.
///
/// Exact access decodes a GOP from its IDR picture up to its last wanted frame. A picture no wanted frame
/// depends on, directly or through other pictures, need not be decoded: a non-reference one is left out, and a
/// reference one (the middle B-picture of x264's pyramids: 51 of the 251 pictures that sampling 16 frames of
/// a 1080p clip decodes) is replaced by a `StandInPicture`, which keeps the decoder's reference buffer as the
/// full stream has it. The dependencies come from the slice headers: the active entries of every slice's
/// prediction lists, as `DecodedPictureBuffer` builds them.
enum ReferencePlan {
    /// Positions of a run's pictures, by what to do with them.
    struct Decision: Equatable {
        /// Not sent to the decoder.
        var skipped: Set<Int> = []
        /// Sent as a stand-in.
        var replaced: Set<Int> = []
    }

    /// What to do with `pictures` (decode order, starting with an IDR picture) for the pictures at `targets` to
    /// decode exactly as in the full stream; nothing when the stream does something the model does not follow.
    /// Reference pictures are replaced only when `replacesReferences`.
    static func decide(_ pictures: [CodedPicture], targets: Set<Int>, replacesReferences: Bool) -> Decision {
        guard let first = pictures.first, first.isIDR, pictures.allSatisfy(\.countsOrderExplicitly) else {
            return Decision()
        }
        var buffer = DecodedPictureBuffer()
        var fed: [DecodedPictureBuffer.Fed] = []
        for (position, picture) in pictures.enumerated() {
            guard let result = try? buffer.feed(picture, position: position) else { return Decision() }
            fed.append(result)
        }
        var needed = targets
        for position in pictures.indices.reversed() where needed.contains(position) {
            for (list0, list1) in fed[position].lists {
                needed.formUnion((list0 + list1).map(\.picture))
            }
        }
        var decision = Decision()
        for position in pictures.indices where !needed.contains(position) {
            let picture = pictures[position]
            if !picture.isReference {
                decision.skipped.insert(position)
            } else if replacesReferences, !picture.isIDR, picture.standInFormat != nil {
                decision.replaced.insert(position)
            }
        }
        return decision
    }
}
