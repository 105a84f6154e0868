/// A stand-in for a reference picture that no wanted frame depends on: a P picture whose every macroblock is
/// skipped (so the decoder only copies its newest reference, with deblocking off), carrying the original's
/// `frame_num`, order count and reference marking.
///
/// Leaving such a picture out altogether would open a `frame_num` gap that the decoder fills with placeholder
/// frames, which shift order counts and list positions; the stand-in keeps the decoder's reference buffer exactly
/// as the full stream has it, picture for picture, at a fraction of the decoding cost. Its samples are wrong,
/// which is harmless: nothing wanted predicts from it.
///
/// A stand-in refers to a picture parameter set of its own (CAVLC, one reference, no weights, deblocking
/// control present), sent in the same packet under an identifier the stream never uses.
struct StandInPicture {
    /// What a stand-in needs from the sequence parameter set its original was coded with.
    struct Format: Equatable {
        var sequenceID: Int
        var log2MaxFrameNumber: Int
        var log2MaxOrderCountLSB: Int
        /// Macroblocks in one frame.
        var macroblocks: Int
    }

    /// The packet (length-prefixed NAL units, `lengthSize` bytes each prefix) for a stand-in of `picture`,
    /// nil when `picture` cannot have one.
    static func packet(for picture: CodedPicture, parameterSetID: Int, lengthSize: Int) -> [UInt8]? {
        guard let format = picture.standInFormat, picture.isReference, !picture.isIDR else { return nil }
        var packet: [UInt8] = []
        let units = [
            parameterSet(id: parameterSetID, format: format),
            slice(for: picture, parameterSetID: parameterSetID, format: format),
        ]
        for unit in units {
            guard unit.count < 1 << (8 * lengthSize) else { return nil }
            for shift in stride(from: 8 * (lengthSize - 1), through: 0, by: -8) {
                packet.append(UInt8(truncatingIfNeeded: unit.count >> shift))
            }
            packet += unit
        }
        return packet
    }

    /// The stand-ins' picture parameter set (NAL unit type 8).
    private static func parameterSet(id: Int, format: Format) -> [UInt8] {
        var writer = RBSPWriter()
        writer.unsignedGolomb(id)
        writer.unsignedGolomb(format.sequenceID)
        writer.bit(false)  // entropy_coding_mode_flag: CAVLC, so the slice data is one Exp-Golomb code
        writer.bit(true)  // bottom_field_pic_order_in_frame_present_flag: carries the original's delta
        writer.unsignedGolomb(0)  // num_slice_groups_minus1
        writer.unsignedGolomb(0)  // num_ref_idx_l0_default_active_minus1
        writer.unsignedGolomb(0)  // num_ref_idx_l1_default_active_minus1
        writer.bit(false)  // weighted_pred_flag
        writer.bits(0, count: 2)  // weighted_bipred_idc
        writer.signedGolomb(0)  // pic_init_qp_minus26
        writer.signedGolomb(0)  // pic_init_qs_minus26
        writer.signedGolomb(0)  // chroma_qp_index_offset
        writer.bit(true)  // deblocking_filter_control_present_flag
        writer.bit(false)  // constrained_intra_pred_flag
        writer.bit(false)  // redundant_pic_cnt_present_flag
        return writer.nalUnit(header: 0x68)
    }

    /// One P slice covering the frame: the original's numbering and marking, then a single skip run.
    private static func slice(for picture: CodedPicture, parameterSetID: Int, format: Format) -> [UInt8] {
        let original = picture.first
        var writer = RBSPWriter()
        writer.unsignedGolomb(0)  // first_mb_in_slice
        writer.unsignedGolomb(0)  // slice_type: P
        writer.unsignedGolomb(parameterSetID)
        writer.bits(original.frameNumber, count: format.log2MaxFrameNumber)
        writer.bits(original.orderCountLSB, count: format.log2MaxOrderCountLSB)
        writer.signedGolomb(original.deltaOrderCountBottom)
        writer.bit(false)  // num_ref_idx_active_override_flag
        writer.bit(false)  // ref_pic_list_modification_flag_l0
        if let differences = original.unmarkedDifferences {
            writer.bit(true)  // adaptive_ref_pic_marking_mode_flag
            for difference in differences {
                writer.unsignedGolomb(1)  // memory_management_control_operation: mark a short-term picture unused
                writer.unsignedGolomb(difference - 1)
            }
            writer.unsignedGolomb(0)
        } else {
            writer.bit(false)  // the sliding window
        }
        writer.signedGolomb(0)  // slice_qp_delta
        writer.unsignedGolomb(1)  // disable_deblocking_filter_idc
        writer.unsignedGolomb(format.macroblocks)  // mb_skip_run: every macroblock
        return writer.nalUnit(header: UInt8(original.referenceIDC << 5 | 1))
    }
}
