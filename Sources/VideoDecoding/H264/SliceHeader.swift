/// What one H.264 slice header says about references: the picture it belongs to, which pictures its
/// prediction lists may hold, and how it marks the decoded picture buffer.
///
/// Only what reference planning needs is kept; parsing stops after the reference marking. Field pictures,
/// SP/SI slices and long-term references are reported as `H264SyntaxError` too: the planner then leaves the
/// stream's pictures alone.
struct SliceHeader {
    enum Kind { case p, b, i }

    /// A `ref_pic_list_modification` command: move the short-term picture `PicNum = predicted ∓ (difference)` to
    /// the next position of the list.
    struct Modification {
        /// True for `modification_of_pic_nums_idc` 0 (subtract), false for 1 (add).
        var subtracts: Bool
        /// `abs_diff_pic_num_minus1 + 1`.
        var difference: Int
    }

    var kind: Kind
    var isIDR: Bool
    var referenceIDC: Int
    var pictureParameterSetID: Int
    var frameNumber: Int
    var orderCountLSB: Int
    var deltaOrderCountBottom: Int
    /// How many entries of list 0 and list 1 the slice may use (0 for lists it does not have).
    var activeReferences: (Int, Int)
    var modifications: ([Modification], [Modification])
    /// For a reference picture: the `difference_of_pic_nums_minus1 + 1` of each "mark a short-term picture
    /// unused" operation (MMCO 1), in order, or nil when the sliding window marks.
    var unmarkedDifferences: [Int]?

    var isReference: Bool { referenceIDC != 0 }

    /// Parses the header of the slice in `nal` (NAL unit type 1 or 5) with the parameter sets seen so far.
    init(
        nal: ArraySlice<UInt8>, sequences: [Int: SequenceParameterSet], pictures: [Int: PictureParameterSet]
    ) throws(H264SyntaxError) {
        guard let header = nal.first else { throw H264SyntaxError() }
        referenceIDC = Int(header >> 5) & 3
        isIDR = header & 0x1F == 5
        var reader = RBSPReader(nal: nal)
        _ = try reader.unsignedGolomb()  // first_mb_in_slice
        switch try reader.unsignedGolomb() % 5 {
        case 0: kind = .p
        case 1: kind = .b
        case 2: kind = .i
        default: throw H264SyntaxError()
        }
        pictureParameterSetID = try reader.unsignedGolomb()
        guard let pps = pictures[pictureParameterSetID], let sps = sequences[pps.sequenceID], sps.frameMacroblocksOnly
        else { throw H264SyntaxError() }
        if sps.separateColourPlanes { _ = try reader.bits(2) }
        frameNumber = try reader.bits(sps.log2MaxFrameNumber)
        if isIDR { _ = try reader.unsignedGolomb() }  // idr_pic_id
        orderCountLSB = 0
        deltaOrderCountBottom = 0
        if sps.pictureOrderCountType == 0 {
            orderCountLSB = try reader.bits(sps.log2MaxPictureOrderCountLSB)
            if pps.bottomFieldOrderPresent { deltaOrderCountBottom = try reader.signedGolomb() }
        } else if sps.pictureOrderCountType == 1, !sps.deltaPictureOrderAlwaysZero {
            _ = try reader.signedGolomb()
            if pps.bottomFieldOrderPresent { _ = try reader.signedGolomb() }
        }
        if pps.redundantPictureCountPresent { _ = try reader.unsignedGolomb() }
        if kind == .b { _ = try reader.bit() }  // direct_spatial_mv_pred_flag
        activeReferences = (0, 0)
        if kind != .i {
            activeReferences = (pps.defaultActiveReferences.0, kind == .b ? pps.defaultActiveReferences.1 : 0)
            if try reader.bit() {  // num_ref_idx_active_override_flag
                activeReferences.0 = try reader.unsignedGolomb() + 1
                if kind == .b { activeReferences.1 = try reader.unsignedGolomb() + 1 }
            }
        }
        guard activeReferences.0 <= 32, activeReferences.1 <= 32 else { throw H264SyntaxError() }
        modifications = ([], [])
        if kind != .i { modifications.0 = try Self.modifications(&reader) }
        if kind == .b { modifications.1 = try Self.modifications(&reader) }
        if (pps.weightedPrediction && kind == .p) || (pps.weightedBipredictionIDC == 1 && kind == .b) {
            try Self.skipWeights(&reader, chroma: sps.chromaArrayType != 0, counts: activeReferences)
        }
        unmarkedDifferences = nil
        if referenceIDC != 0 {
            if isIDR {
                _ = try reader.bit()  // no_output_of_prior_pics_flag
                guard try !reader.bit() else { throw H264SyntaxError() }  // long_term_reference_flag
            } else if try reader.bit() {  // adaptive_ref_pic_marking_mode_flag
                var differences: [Int] = []
                while true {
                    let operation = try reader.unsignedGolomb()
                    if operation == 0 { break }
                    guard operation == 1, differences.count < 64 else { throw H264SyntaxError() }
                    differences.append(try reader.unsignedGolomb() + 1)
                }
                unmarkedDifferences = differences
            }
        }
    }

    private static func modifications(_ reader: inout RBSPReader) throws(H264SyntaxError) -> [Modification] {
        guard try reader.bit() else { return [] }
        var commands: [Modification] = []
        while true {
            let command = try reader.unsignedGolomb()
            if command == 3 { return commands }
            guard command <= 1, commands.count < 33 else { throw H264SyntaxError() }
            commands.append(Modification(subtracts: command == 0, difference: try reader.unsignedGolomb() + 1))
        }
    }

    private static func skipWeights(_ reader: inout RBSPReader, chroma: Bool, counts: (Int, Int))
        throws(H264SyntaxError)
    {
        _ = try reader.unsignedGolomb()  // luma_log2_weight_denom
        if chroma { _ = try reader.unsignedGolomb() }
        for count in [counts.0, counts.1] {
            for _ in 0..<count {
                if try reader.bit() {
                    _ = try reader.signedGolomb()
                    _ = try reader.signedGolomb()
                }
                if chroma, try reader.bit() {
                    for _ in 0..<4 { _ = try reader.signedGolomb() }
                }
            }
        }
    }
}
