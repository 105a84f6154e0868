/// A model of FFmpeg's H.264 decoder's reference pictures, for a run of pictures fed to it after an IDR
/// picture, some of them possibly left out.
///
/// It follows the decoder (libavcodec's `h264_slice.c` / `h264_refs.c`) where the standard leaves room: a
/// `frame_num` gap is filled with placeholder frames, each marked by the sliding window, carrying the missing
/// `frame_num` and the order count of the newest reference before it plus 2; placeholders of a stream that does
/// not allow gaps are dropped once more than `max_num_ref_frames` frame numbers old; P lists start from the
/// newest reference; B lists sort order counts around the current picture's, an equal count counting as "before".
/// Whatever the model cannot follow, or the decoder would log as an error, makes `feed` fail.
struct DecodedPictureBuffer {
    /// A short-term reference: a decoded picture (its position in the run) or a placeholder for a gap.
    struct Reference: Equatable {
        var picture: Int?
        var frameNumber: Int
        var orderCount: Int
    }

    /// What feeding one picture gave: its order count, per slice the active entries of its two lists, and
    /// whether placeholders were among the references when the lists were made.
    struct Fed {
        var orderCount: Int
        var lists: [([Reference], [Reference])]
        var hadPlaceholders: Bool
    }

    struct Failure: Error {}

    /// Newest first, as the decoder keeps them.
    private(set) var shortTerm: [Reference] = []
    /// Whether placeholders of a stream that does not allow gaps are dropped once old (the decoder's
    /// `invalid_gap` rule); planning checks both ways, so it does not depend on which FFmpeg release decodes.
    let dropsOldPlaceholders: Bool
    private var previousFrameNumber = 0
    private var previousOrderCountMSB = 0
    private var previousOrderCountLSB = 0

    init(dropsOldPlaceholders: Bool) {
        self.dropsOldPlaceholders = dropsOldPlaceholders
    }

    /// Decodes picture `position` of the run, `picture`, in the model.
    mutating func feed(_ picture: CodedPicture, position: Int) throws(Failure) -> Fed {
        let maximumFrameNumber = picture.maximumFrameNumber
        let frameNumber = picture.frameNumber
        if picture.isIDR {
            shortTerm = []
            previousFrameNumber = frameNumber
            previousOrderCountMSB = 0
            previousOrderCountLSB = 0
        } else {
            try fillGap(upTo: frameNumber, picture: picture)
        }
        let (orderCount, msb) = self.orderCount(of: picture)
        let hadPlaceholders = shortTerm.contains { $0.picture == nil }
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
        return Fed(orderCount: orderCount, lists: lists, hadPlaceholders: hadPlaceholders)
    }

    /// Inserts the decoder's placeholders for the frame numbers between the previous picture's and `frameNumber`.
    private mutating func fillGap(upTo frameNumber: Int, picture: CodedPicture) throws(Failure) {
        let maximum = picture.maximumFrameNumber
        guard frameNumber != previousFrameNumber, frameNumber != (previousFrameNumber + 1) % maximum else { return }
        let missing = (frameNumber - previousFrameNumber - 1 + maximum) % maximum
        // Longer gaps are shortened by the decoder and would push every real reference out anyway.
        guard missing < picture.maximumReferenceFrames else { throw Failure() }
        for _ in 0..<missing {
            let previous = shortTerm.first
            let number = (previousFrameNumber + 1) % maximum
            slideWindow(maximumReferenceFrames: picture.maximumReferenceFrames)
            guard let previous else { throw Failure() }
            shortTerm.insert(Reference(picture: nil, frameNumber: number, orderCount: previous.orderCount + 2), at: 0)
            dropOldPlaceholders(current: number, picture: picture)
            previousFrameNumber = number
        }
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
            if number == 1, entries.count > 1 {
                let other = before + after
                if other == entries.compactMap({ $0 }) { entries.swapAt(0, 1) }
            }
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
    /// order (the decoder's `add_sorted`).
    private func sorted(descending: Bool, limit: Int) -> [Reference] {
        let chosen = shortTerm.filter { descending ? $0.orderCount <= limit : $0.orderCount > limit }
        return chosen.sorted { descending ? $0.orderCount > $1.orderCount : $0.orderCount < $1.orderCount }
    }

    private mutating func mark(_ picture: CodedPicture, position: Int, orderCount: Int) throws(Failure) {
        let maximum = picture.maximumFrameNumber
        if let differences = picture.first.unmarkedDifferences {
            for difference in differences {
                let number = ((picture.frameNumber - difference) % maximum + maximum) % maximum
                guard let index = shortTerm.firstIndex(where: { $0.frameNumber == number }) else { throw Failure() }
                shortTerm.remove(at: index)
            }
        } else if !picture.isIDR {
            slideWindow(maximumReferenceFrames: picture.maximumReferenceFrames)
        }
        shortTerm.insert(Reference(picture: position, frameNumber: picture.frameNumber, orderCount: orderCount), at: 0)
        guard shortTerm.count <= max(picture.maximumReferenceFrames, 1) else { throw Failure() }
        dropOldPlaceholders(current: picture.frameNumber, picture: picture)
    }

    /// The sliding window: with the buffer full, the oldest short-term reference goes.
    private mutating func slideWindow(maximumReferenceFrames: Int) {
        if !shortTerm.isEmpty, shortTerm.count >= maximumReferenceFrames { shortTerm.removeLast() }
    }

    /// Placeholders more than `max_num_ref_frames` frame numbers old are dropped (the decoder's `invalid_gap`),
    /// walking the list as the decoder does.
    private mutating func dropOldPlaceholders(current: Int, picture: CodedPicture) {
        guard dropsOldPlaceholders, !picture.frameNumberGapsAllowed else { return }
        var index = 0
        while index < shortTerm.count {
            let reference = shortTerm[index]
            let age = ((current - reference.frameNumber) % picture.maximumFrameNumber + picture.maximumFrameNumber)
                % picture.maximumFrameNumber
            if reference.picture == nil, age > picture.maximumReferenceFrames {
                shortTerm.remove(at: index)
            }
            index += 1
        }
    }
}
