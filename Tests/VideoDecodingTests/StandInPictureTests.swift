import Testing
@testable import VideoDecoding

/// The bits stand-in pictures are made of: Exp-Golomb codes and emulation prevention written as the reader
/// reads them, and a stand-in that parses back as a P picture with its original's numbering and marking.
@Suite struct StandInPictureTests {
    @Test func writtenCodesReadBackWithEmulationPrevention() throws {
        var writer = RBSPWriter()
        let unsigned = [0, 1, 2, 6, 7, 254, 255, 65_535, 1 << 20]
        let signed = [0, 1, -1, 2, -2, 300, -300]
        for value in unsigned { writer.unsignedGolomb(value) }
        for value in signed { writer.signedGolomb(value) }
        // Long runs of zero bits make the zero bytes that emulation prevention must break up.
        writer.bits(0, count: 40)
        writer.bits(1, count: 2)
        writer.bits(0, count: 24)
        writer.bits(0b101, count: 3)
        let unit = writer.nalUnit(header: 0x41)
        for start in 0..<(unit.count - 2) {
            #expect(!(unit[start] == 0 && unit[start + 1] == 0 && unit[start + 2] <= 2), "start code at \(start)")
        }
        #expect(unit.contains(3))
        var reader = RBSPReader(nal: unit[...])
        for value in unsigned { #expect(try reader.unsignedGolomb() == value) }
        for value in signed { #expect(try reader.signedGolomb() == value) }
        #expect(try reader.bits(40) == 0)
        #expect(try reader.bits(2) == 1)
        #expect(try reader.bits(24) == 0)
        #expect(try reader.bits(3) == 0b101)
        #expect(try reader.bit())  // rbsp_stop_one_bit
    }

    @Test func standInReadsBackAsTheOriginalsNumberingAndMarking() throws {
        let reader = try VideoReader(.path(Fixture.path("x264_veryfast_gop60.mp4")))
        _ = try reader.scanIndex()
        let stream = try #require(reader.streamPictures)
        let id = try #require(stream.standInParameterSetID)
        let originals = stream.pictures.compactMap { $0 }.filter { $0.isReference && !$0.isIDR }
        #expect(originals.contains { $0.first.kind == .b && $0.first.unmarkedDifferences != nil })
        var pictureReader = try #require(reader.makePictureReader())
        for original in originals {
            let packet = try #require(
                StandInPicture.packet(for: original, parameterSetID: id, lengthSize: stream.lengthSize))
            let standIn = try #require(packet.withUnsafeBytes { pictureReader.picture(in: $0) })
            #expect(standIn.slices.count == 1)
            #expect(standIn.first.kind == .p)
            #expect(standIn.first.pictureParameterSetID == id)
            #expect(standIn.first.activeReferences == (1, 0) ? true : false)
            #expect(standIn.first.modifications.0.isEmpty)
            #expect(standIn.frameNumber == original.frameNumber)
            #expect(standIn.first.orderCountLSB == original.first.orderCountLSB)
            #expect(standIn.first.deltaOrderCountBottom == original.first.deltaOrderCountBottom)
            #expect(standIn.first.referenceIDC == original.first.referenceIDC)
            #expect(standIn.first.unmarkedDifferences == original.first.unmarkedDifferences)
        }
    }

    @Test func theStandInParameterSetIsOneTheStreamNeverUses() throws {
        let reader = try VideoReader(.path(Fixture.path("x264_veryfast_gop60.mp4")))
        _ = try reader.scanIndex()
        let stream = try #require(reader.streamPictures)
        let used = Set(stream.pictures.compactMap { $0?.first.pictureParameterSetID })
        #expect(!used.contains(try #require(stream.standInParameterSetID)))
    }
}
