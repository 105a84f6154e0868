/// Which pictures of one GOP the decoder can be spared when only some frames are wanted.
///
/// Exact access decodes a GOP from its IDR picture up to its last wanted frame. Non-reference pictures that are
/// not wanted were already skipped; this also leaves out reference B-pictures (the middle of x264's B-pyramids,
/// about a fifth of what a sampled 1080p clip decodes) that no wanted frame depends on, directly or through other
/// pictures. The dependencies come from the slice headers: the active entries of every slice's prediction lists.
///
/// Leaving a reference picture out makes a `frame_num` gap, which the decoder fills with placeholders; they take
/// buffer slots and can shift list positions. So a picture is left out only when `DecodedPictureBuffer`, run once
/// with and once without the decoder's dropping of old placeholders, shows every wanted picture, and every picture
/// it depends on, predicting from exactly the pictures it predicts from in the full stream, with the same order
/// counts, no placeholder present when a B-slice sorts its lists, and nothing the decoder would report as an error.
enum ReferencePlan {
    /// The positions of `pictures` (decode order, starting with an IDR picture) that need not be sent to the
    /// decoder for the pictures at `targets` to decode exactly as in the full stream; empty when the stream does
    /// something the model does not follow.
    static func skippable(_ pictures: [CodedPicture], targets: Set<Int>) -> Set<Int> {
        guard let first = pictures.first, first.isIDR, pictures.allSatisfy(\.countsOrderExplicitly),
            let full = try? feed(pictures, skipping: [], dropsOldPlaceholders: true)
        else { return [] }
        var needed = targets
        for position in pictures.indices.reversed() where needed.contains(position) {
            guard let fed = full[position] else { return [] }
            for (list0, list1) in fed.lists {
                for reference in list0 + list1 {
                    guard let picture = reference.picture else { return [] }
                    needed.insert(picture)
                }
            }
        }
        var skipped = Set(pictures.indices.filter { !needed.contains($0) && !pictures[$0].isReference })
        for candidate in pictures.indices where !needed.contains(candidate) && pictures[candidate].isReferenceB {
            let trial = skipped.union([candidate])
            if decodesAlike(pictures, skipping: trial, needed: needed, full: full) { skipped = trial }
        }
        return skipped
    }

    /// Whether the needed pictures decode as in the full stream with `skipping` left out, under both placeholder
    /// rules.
    private static func decodesAlike(
        _ pictures: [CodedPicture], skipping: Set<Int>, needed: Set<Int>, full: [DecodedPictureBuffer.Fed?]
    ) -> Bool {
        for dropsOld in [true, false] {
            guard let trial = try? feed(pictures, skipping: skipping, dropsOldPlaceholders: dropsOld) else {
                return false
            }
            for position in needed {
                guard let fed = trial[position], let reference = full[position],
                    fed.orderCount == reference.orderCount, fed.lists.count == reference.lists.count
                else { return false }
                if fed.hadPlaceholders, pictures[position].slices.contains(where: { $0.kind == .b }) { return false }
                for (lists, expected) in zip(fed.lists, reference.lists) {
                    guard lists.0.map(\.picture) == expected.0.map(\.picture),
                        lists.1.map(\.picture) == expected.1.map(\.picture),
                        !(lists.0 + lists.1).contains(where: { $0.picture == nil })
                    else { return false }
                }
            }
        }
        return true
    }

    /// What the model gives for each picture fed (nil for those skipped).
    private static func feed(_ pictures: [CodedPicture], skipping: Set<Int>, dropsOldPlaceholders: Bool)
        throws(DecodedPictureBuffer.Failure) -> [DecodedPictureBuffer.Fed?]
    {
        var buffer = DecodedPictureBuffer(dropsOldPlaceholders: dropsOldPlaceholders)
        var results = [DecodedPictureBuffer.Fed?](repeating: nil, count: pictures.count)
        for (position, picture) in pictures.enumerated() where !skipping.contains(position) {
            results[position] = try buffer.feed(picture, position: position)
        }
        return results
    }
}
