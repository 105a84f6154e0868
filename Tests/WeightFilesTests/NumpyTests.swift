import Foundation
import Testing

@testable import WeightFiles

/// .npy reading (files NumPy wrote) and writing (files NumPy must read).
@Suite struct NumpyTests {
    @Test func readsAnArrayNumpyWrote() throws {
        let (shape, values) = try NumpyReader.read(contentsOf: try Fixture.path("tiny.npy"))
        let expected = try #require(try Fixture.expected()["classifier.weight"])
        #expect(shape == expected.shape)
        #expect(values == expected.values)
    }

    @Test(arguments: [[2, 3], [7], [], [1, 0, 4], [2, 2, 2, 2]])
    func writerRoundTripsThroughTheReader(_ shape: [Int]) throws {
        let values = (0..<shape.reduce(1, *)).map { Float($0) * 0.5 - 3 }
        let directory = try TemporaryDirectory()
        let path = directory.file("array.npy")
        try NumpyWriter.write(shape: shape, values: values, to: path, overwrite: false)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(bytes.count == 10 + headerLength + 4 * values.count)
        let read = try NumpyReader.read(contentsOf: path)
        #expect(read.shape == shape)
        #expect(read.values == values)
        #expect(
            weightFileError { () throws(WeightFileError) in
                try NumpyWriter.write(shape: shape, values: values, to: path, overwrite: false)
            }?.kind == .exists)
    }

    @Test func writtenHeaderIsTheOneNumpyWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("vector.npy")
        try NumpyWriter.write(shape: [3], values: [1, 2, 3], to: path, overwrite: false)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let text = String(decoding: bytes[10..<(10 + Int(bytes[8]) | Int(bytes[9]) << 8)], as: UTF8.self)
        #expect(text.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"))
        #expect(text.hasSuffix("\n"))
    }

    static func npy(_ literal: String, data: [UInt8], major: UInt8 = 1) -> [UInt8] {
        let header = Array(literal.utf8) + [0x0A]
        let length: [UInt8] =
            major == 1
            ? [UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
            : [UInt8(header.count & 0xFF), UInt8(header.count >> 8), 0, 0]
        return NumpyHeader.magic + [major, 0] + length + header + data
    }

    @Test func readsOtherElementTypesAndVersion2() throws {
        let directory = try TemporaryDirectory()
        let halves = Self.npy("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", data: [0x00, 0x3C, 0x00, 0xC0], major: 2)
        #expect(try NumpyReader.read(contentsOf: directory.write(halves, as: "h.npy")).values == [1, -2])
        let longs = Self.npy(
            "{'shape': (1, 2), 'fortran_order': False, 'descr': '<i8'}", data: [5, 0, 0, 0, 0, 0, 0, 0] + [0xFF] + [UInt8](repeating: 0xFF, count: 7))
        let read = try NumpyReader.read(contentsOf: directory.write(longs, as: "l.npy"))
        #expect(read.shape == [1, 2] && read.values == [5, -1])
    }

    @Test func rejectsFortranOrderUnsupportedTypesAndShortData() throws {
        let directory = try TemporaryDirectory()
        let cases: [([UInt8], WeightFileError.Kind, String)] = [
            (Self.npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", data: [UInt8](repeating: 0, count: 16)), .malformed, "Fortran"),
            (Self.npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0]), .malformed, "'>f4'"),
            (Self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", data: [0, 0, 0, 0]), .truncated, "truncated"),
            (Self.npy("{'descr': '<f4', 'shape': (1,), }", data: [0, 0, 0, 0]), .malformed, "missing"),
            (Array("not numpy at all".utf8), .unknownFormat, "NUMPY"),
        ]
        for (index, (bytes, kind, phrase)) in cases.enumerated() {
            let path = try directory.write(bytes, as: "bad-\(index).npy")
            let error = weightFileError { () throws(WeightFileError) in try NumpyReader.read(contentsOf: path) }
            #expect(error?.kind == kind, "case \(index)")
            #expect(error?.message.contains(phrase) == true, "case \(index): \(String(describing: error))")
        }
    }
}
