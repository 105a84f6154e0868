/// A model of an H.264 decoder's short-term reference pictures over a run of pictures that starts with an IDR
/// picture and leaves none out, for finding which pictures each one predicts from.
///
/// It follows the standard as FFmpeg's decoder (`h264_refs.c`) implements it: the sliding window and MMCO 1
/// mark pictures unused; P lists start from the newest reference; B lists sort order counts around the current
/// picture's, an equal count counting as "before" and each count taken once; list 1 swaps its first two entries
/// when it would equal list 0; modifications move pictures to the front. Whatever the model cannot follow
/// (a `frame_num` gap, a modification or marking of a picture not in the buffer, a missing entry) makes `feed`
/// fail.
struct DecodedPictureBuffer {
    /// A short-term reference picture.
    struct Reference: Equatable {
        /// Its position in the run.
        var picture: Int
        var frameNumber: Int
        var orderCount: Int
    }

    /// What feeding one picture gave: its order count, and per slice the active entries of its two lists.
    struct Fed {
        var orderCount: Int
        var lists: [([Reference], [Reference])]
    }

    struct Failure: Error {}

    /// Newest first, as the decoder keeps them.
    private(set) var shortTerm: [Reference] = []
    private var previousFrameNumber = 0
    private var previousOrderCountMSB = 0
    private var previousOrderCountLSB = 0

    /// Decodes picture `position` of the run, `picture`, in the model.
    mutating func feed(_ picture: CodedPicture, position: Int) throws(Failure) -> Fed {
        let maximumFrameNumber = picture.maximumFrameNumber
        let frameNumber = picture.frameNumber
        if picture.isIDR {
            shortTerm = []
            previousOrderCountMSB = 0
            previousOrderCountLSB = 0
        } else if frameNumber != previousFrameNumber, frameNumber != (previousFrameNumber + 1) % maximumFrameNumber {
            throw Failure()
        }
        let (orderCount, msb) = self.orderCount(of: picture)
        var lists: [([Reference], [Reference])] = []
        for slice in picture.slices {
            lists.append(
                (
                    try list(0, of: slice, orderCount: orderCount, maximumFrameNumber: maximumFrameNumber),
                    try list(1, of: slice, orderCount: orderCount, maximumFrameNumber: maximumFrameNumber)
                ))
        }
        if picture.isReference {
            try mark(picture, position: position, orderCount: orderCount)
            previousOrderCountMSB = msb
            previousOrderCountLSB = picture.first.orderCountLSB
        }
        previousFrameNumber = frameNumber
        return Fed(orderCount: orderCount, lists: lists)
    }

    /// Picture order count type 0: the LSBs continue the previous reference picture's count. Returns the
    /// picture's count (the smaller of its fields') and its most significant part.
    private func orderCount(of picture: CodedPicture) -> (count: Int, msb: Int) {
        let lsb = picture.first.orderCountLSB
        let maximum = picture.maximumOrderCountLSB
        var msb = previousOrderCountMSB
        if lsb < previousOrderCountLSB, previousOrderCountLSB - lsb >= maximum / 2 {
            msb += maximum
        } else if lsb > previousOrderCountLSB, lsb - previousOrderCountLSB > maximum / 2 {
            msb -= maximum
        }
        let top = msb + lsb
        return (min(top, top + picture.first.deltaOrderCountBottom), msb)
    }

    /// List `number` (0 or 1) of `slice`: its active entries after the modifications.
    private func list(_ number: Int, of slice: SliceHeader, orderCount: Int, maximumFrameNumber: Int)
        throws(Failure) -> [Reference]
    {
        let active = number == 0 ? slice.activeReferences.0 : slice.activeReferences.1
        guard active > 0 else { return [] }
        var entries: [Reference?]
        if slice.kind == .b {
            let before = sorted(descending: true, limit: orderCount)
            let after = sorted(descending: false, limit: orderCount)
            entries = number == 0 ? before + after : after + before
            if number == 1, entries.count > 1, before.isEmpty || after.isEmpty { entries.swapAt(0, 1) }
        } else {
            entries = shortTerm
        }
        if entries.count < active { entries += [Reference?](repeating: nil, count: active - entries.count) }
        var predicted = slice.frameNumber
        let modifications = number == 0 ? slice.modifications.0 : slice.modifications.1
        for (index, modification) in modifications.enumerated() {
            predicted = (predicted + (modification.subtracts ? -modification.difference : modification.difference))
            predicted = ((predicted % maximumFrameNumber) + maximumFrameNumber) % maximumFrameNumber
            guard index < active, let moved = shortTerm.last(where: { $0.frameNumber == predicted }) else {
                throw Failure()
            }
            var end = index
            while end + 1 < active, entries[end] != moved { end += 1 }
            if end > index {
                for i in stride(from: end, to: index, by: -1) { entries[i] = entries[i - 1] }
            }
            entries[index] = moved
        }
        let used = entries.prefix(active)
        guard used.allSatisfy({ $0 != nil }) else { throw Failure() }
        return used.map { $0! }
    }

    /// Short-term references with an order count at most `limit` in descending order, or above it in ascending
    /// order, as the decoder's `add_sorted` picks them: each count once, a repeated count going to the oldest
    /// reference below the limit and to the newest above it.
    private func sorted(descending: Bool, limit: Int) -> [Reference] {
        var picked: [Reference] = []
        var bound = limit
        while true {
            var best: Reference?
            for reference in shortTerm {
                let count = reference.orderCount
                if descending {
                    if count <= bound, count >= best?.orderCount ?? Int.min { best = reference }
                } else if count > bound, count < best?.orderCount ?? Int.max {
                    best = reference
                }
            }
            guard let best else { return picked }
            picked.append(best)
            bound = descending ? best.orderCount - 1 : best.orderCount
        }
    }

    private mutating func mark(_ picture: CodedPicture, position: Int, orderCount: Int) throws(Failure) {
        let maximum = picture.maximumFrameNumber
        if let differences = picture.first.unmarkedDifferences {
            for difference in differences {
                let number = ((picture.frameNumber - difference) % maximum + maximum) % maximum
                guard let index = shortTerm.firstIndex(where: { $0.frameNumber == number }) else { throw Failure() }
                shortTerm.remove(at: index)
            }
        } else if !picture.isIDR, !shortTerm.isEmpty, shortTerm.count >= picture.maximumReferenceFrames {
            shortTerm.removeLast()  // the sliding window: with the buffer full, the oldest goes
        }
        shortTerm.insert(Reference(picture: position, frameNumber: picture.frameNumber, orderCount: orderCount), at: 0)
        guard shortTerm.count <= max(picture.maximumReferenceFrames, 1) else { throw Failure() }
    }
}
