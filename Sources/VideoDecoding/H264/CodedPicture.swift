/// One coded H.264 picture (one packet) as reference planning sees it: its slices' headers and the sequence
/// parameters they were read with.
struct CodedPicture {
    var slices: [SliceHeader]
    var maximumFrameNumber: Int
    var maximumOrderCountLSB: Int
    var maximumReferenceFrames: Int
    /// Whether the stream uses picture order count type 0, the only type whose B-frames planning handles.
    var countsOrderExplicitly: Bool
    /// What a `StandInPicture` for it is written with; nil when it cannot have one.
    var standInFormat: StandInPicture.Format?

    var first: SliceHeader { slices[0] }
    var isReference: Bool { first.isReference }
    var isIDR: Bool { first.isIDR }
    var frameNumber: Int { first.frameNumber }
}

/// Reads pictures from an H.264 stream stored in the length-prefixed form of MP4 and Matroska (the `avcC`
/// decoder configuration), keeping the parameter sets it meets.
struct H264PictureReader {
    private var sequences: [Int: SequenceParameterSet] = [:]
    private var pictures: [Int: PictureParameterSet] = [:]
    /// Every picture parameter set identifier met, parsed or not; nil once one could not be read.
    private var pictureParameterSetIDs: Set<Int>? = []
    /// The size of each NAL unit's length prefix.
    let lengthSize: Int

    /// Nil unless `configuration` is an `avcC` record (Annex B streams are not planned).
    init?(configuration bytes: [UInt8]) {
        guard bytes.count >= 7, bytes[0] == 1 else { return nil }
        lengthSize = Int(bytes[4] & 3) + 1
        guard lengthSize != 3 else { return nil }
        var offset = 5
        for countMask in [0x1F, 0xFF] as [UInt8] {
            guard offset < bytes.count else { return nil }
            let count = Int(bytes[offset] & countMask)
            offset += 1
            for _ in 0..<count {
                guard offset + 2 <= bytes.count else { return nil }
                let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                offset += 2
                guard length > 0, offset + length <= bytes.count else { return nil }
                remember(bytes[offset..<offset + length])
                offset += length
            }
        }
    }

    /// The picture in one packet's `bytes`, or nil when a header cannot be read or the picture uses something
    /// planning does not model (fields, long-term references, slice data partitions, other slice types).
    mutating func picture(in bytes: UnsafeRawBufferPointer) -> CodedPicture? {
        var slices: [SliceHeader] = []
        var offset = 0
        var sequence: SequenceParameterSet?
        while offset + lengthSize <= bytes.count {
            var length = 0
            for i in 0..<lengthSize { length = length << 8 | Int(bytes[offset + i]) }
            offset += lengthSize
            guard length > 0, offset + length <= bytes.count else { return nil }
            let type = bytes[offset] & 0x1F
            // A slice header fits in its first bytes; the weights of many references take the most.
            let nal = ArraySlice(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + min(length, 2048)]))
            switch type {
            case 1, 5:
                guard let slice = try? SliceHeader(nal: nal, sequences: sequences, pictures: pictures) else {
                    return nil
                }
                slices.append(slice)
                sequence = pictures[slice.pictureParameterSetID].flatMap { sequences[$0.sequenceID] }
            case 2, 3, 4:
                return nil
            case 7, 8:
                remember(ArraySlice(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])))
            default:
                break
            }
            offset += length
        }
        guard let first = slices.first, let sequence else { return nil }
        // Every slice of a picture must agree on what the picture is and how it marks references.
        for slice in slices.dropFirst() {
            guard slice.frameNumber == first.frameNumber, slice.referenceIDC == first.referenceIDC,
                slice.isIDR == first.isIDR, slice.orderCountLSB == first.orderCountLSB,
                slice.unmarkedDifferences == first.unmarkedDifferences
            else { return nil }
        }
        return CodedPicture(
            slices: slices, maximumFrameNumber: sequence.maximumFrameNumber,
            maximumOrderCountLSB: 1 << sequence.log2MaxPictureOrderCountLSB,
            maximumReferenceFrames: sequence.maximumReferenceFrames,
            countsOrderExplicitly: sequence.pictureOrderCountType == 0,
            standInFormat: sequence.pictureOrderCountType == 0 && !sequence.separateColourPlanes
                ? .init(
                    sequenceID: sequence.id, log2MaxFrameNumber: sequence.log2MaxFrameNumber,
                    log2MaxOrderCountLSB: sequence.log2MaxPictureOrderCountLSB, macroblocks: sequence.macroblocks)
                : nil)
    }

    /// The smallest picture parameter set identifier the stream has not used so far (all of them, once every
    /// packet was read): what stand-ins refer to. Nil when all 256 are taken.
    var unusedPictureParameterSetID: Int? {
        guard let used = pictureParameterSetIDs else { return nil }
        return (0..<256).first { !used.contains($0) }
    }

    private mutating func remember(_ nal: ArraySlice<UInt8>) {
        guard let header = nal.first else { return }
        switch header & 0x1F {
        case 7: if let sps = try? SequenceParameterSet(nal: nal) { sequences[sps.id] = sps }
        case 8:
            var reader = RBSPReader(nal: nal)
            if let id = try? reader.unsignedGolomb() {
                pictureParameterSetIDs?.insert(id)
            } else {
                pictureParameterSetIDs = nil
            }
            if let pps = try? PictureParameterSet(nal: nal) { pictures[pps.id] = pps }
        default: break
        }
    }
}
