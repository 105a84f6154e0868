/// The fields of an H.264 sequence parameter set that slice headers and reference marking depend on.
struct SequenceParameterSet {
    var id: Int
    /// 0 for monochrome, 1 for 4:2:0 … ; `ChromaArrayType` is 0 too when colour planes are coded separately.
    var chromaArrayType: Int
    var separateColourPlanes: Bool
    var log2MaxFrameNumber: Int
    var pictureOrderCountType: Int
    var log2MaxPictureOrderCountLSB: Int
    var deltaPictureOrderAlwaysZero: Bool
    var maximumReferenceFrames: Int
    var frameMacroblocksOnly: Bool
    /// Macroblocks in one frame.
    var macroblocks: Int

    var maximumFrameNumber: Int { 1 << log2MaxFrameNumber }

    /// Parses the SPS in `nal` (NAL unit type 7).
    init(nal: ArraySlice<UInt8>) throws(H264SyntaxError) {
        var reader = RBSPReader(nal: nal)
        let profile = try reader.bits(8)
        _ = try reader.bits(16)  // constraint flags, reserved bits, level
        id = try reader.unsignedGolomb()
        var chromaFormat = 1
        separateColourPlanes = false
        if [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].contains(profile) {
            chromaFormat = try reader.unsignedGolomb()
            if chromaFormat == 3 { separateColourPlanes = try reader.bit() }
            _ = try reader.unsignedGolomb()  // bit_depth_luma_minus8
            _ = try reader.unsignedGolomb()  // bit_depth_chroma_minus8
            _ = try reader.bit()  // qpprime_y_zero_transform_bypass_flag
            if try reader.bit() {  // seq_scaling_matrix_present_flag
                for list in 0..<(chromaFormat == 3 ? 12 : 8) where try reader.bit() {
                    try Self.skipScalingList(&reader, size: list < 6 ? 16 : 64)
                }
            }
        }
        chromaArrayType = separateColourPlanes ? 0 : chromaFormat
        log2MaxFrameNumber = try reader.unsignedGolomb() + 4
        pictureOrderCountType = try reader.unsignedGolomb()
        log2MaxPictureOrderCountLSB = 0
        deltaPictureOrderAlwaysZero = false
        switch pictureOrderCountType {
        case 0:
            log2MaxPictureOrderCountLSB = try reader.unsignedGolomb() + 4
        case 1:
            deltaPictureOrderAlwaysZero = try reader.bit()
            _ = try reader.signedGolomb()  // offset_for_non_ref_pic
            _ = try reader.signedGolomb()  // offset_for_top_to_bottom_field
            let cycle = try reader.unsignedGolomb()
            guard cycle < 256 else { throw H264SyntaxError() }
            for _ in 0..<cycle { _ = try reader.signedGolomb() }
        default:
            break
        }
        maximumReferenceFrames = try reader.unsignedGolomb()
        _ = try reader.bit()  // gaps_in_frame_num_value_allowed_flag
        let width = try reader.unsignedGolomb() + 1  // pic_width_in_mbs_minus1
        let heightInMapUnits = try reader.unsignedGolomb() + 1  // pic_height_in_map_units_minus1
        frameMacroblocksOnly = try reader.bit()
        macroblocks = width * heightInMapUnits * (frameMacroblocksOnly ? 1 : 2)
        guard log2MaxFrameNumber <= 16, log2MaxPictureOrderCountLSB <= 16, maximumReferenceFrames <= 16 else {
            throw H264SyntaxError()
        }
    }

    private static func skipScalingList(_ reader: inout RBSPReader, size: Int) throws(H264SyntaxError) {
        var last = 8
        var next = 8
        for _ in 0..<size where next != 0 {
            next = (last + (try reader.signedGolomb()) + 256) % 256
            last = next == 0 ? last : next
        }
    }
}

/// The fields of an H.264 picture parameter set that slice headers depend on.
struct PictureParameterSet {
    var id: Int
    var sequenceID: Int
    var bottomFieldOrderPresent: Bool
    /// `num_ref_idx_l0_default_active_minus1 + 1` and the same for list 1.
    var defaultActiveReferences: (Int, Int)
    var weightedPrediction: Bool
    var weightedBipredictionIDC: Int
    var redundantPictureCountPresent: Bool

    /// Parses the PPS in `nal` (NAL unit type 8); flexible macroblock ordering is not supported.
    init(nal: ArraySlice<UInt8>) throws(H264SyntaxError) {
        var reader = RBSPReader(nal: nal)
        id = try reader.unsignedGolomb()
        sequenceID = try reader.unsignedGolomb()
        _ = try reader.bit()  // entropy_coding_mode_flag
        bottomFieldOrderPresent = try reader.bit()
        guard try reader.unsignedGolomb() == 0 else { throw H264SyntaxError() }  // slice groups
        defaultActiveReferences = (try reader.unsignedGolomb() + 1, try reader.unsignedGolomb() + 1)
        weightedPrediction = try reader.bit()
        weightedBipredictionIDC = try reader.bits(2)
        _ = try reader.signedGolomb()  // pic_init_qp_minus26
        _ = try reader.signedGolomb()  // pic_init_qs_minus26
        _ = try reader.signedGolomb()  // chroma_qp_index_offset
        _ = try reader.bit()  // deblocking_filter_control_present_flag
        _ = try reader.bit()  // constrained_intra_pred_flag
        redundantPictureCountPresent = try reader.bit()
        guard defaultActiveReferences.0 <= 32, defaultActiveReferences.1 <= 32 else { throw H264SyntaxError() }
    }
}
