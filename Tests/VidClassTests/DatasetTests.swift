import Foundation
import Testing

@testable import VidClass

/// Dataset layouts, CSV rows and the validation split, without decoding anything.
@Suite("datasets")
struct DatasetTests {
    @Test func csvFieldsHonourQuotes() {
        #expect(CSVRow.fields(of: "a.mp4,cat") == ["a.mp4", "cat"])
        #expect(CSVRow.fields(of: "\"my, clip.mp4\",\"big \"\"dog\"\"\"") == ["my, clip.mp4", "big \"dog\""])
        #expect(CSVRow.fields(of: " a.mp4 , cat ") == ["a.mp4", "cat"])
        #expect(CSVRow.fields(of: "a,b,c").count == 3)
    }

    @Test func csvPathsAreRelativeToTheCSVAndBadRowsAreListed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-ds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("clips"), withIntermediateDirectories: true)
        for name in ["a.mp4", "b.mp4"] { try Data().write(to: folder.appendingPathComponent("clips/\(name)")) }
        let csv = folder.appendingPathComponent("set.csv")
        try "# made by hand\npath,label\nclips/a.mp4,cat\n\nclips/b.mp4,dog\nclips/c.mp4,dog\n,dog\n".write(to: csv, atomically: true, encoding: .utf8)
        let dataset = try Dataset(contentsOf: csv.path)
        #expect(dataset.labels == ["cat", "dog"])
        #expect(dataset.clips.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.mp4", "b.mp4"])
        #expect(dataset.skipped.map(\.reason) == [
            "The file does not exist (listed on line 6).", "Expected two non-empty fields path,label but found 2 field(s).",
        ])
    }

    /// A CSV saved on Windows ends its lines in CRLF: in a Swift String "\r\n" is one Character, so the rows
    /// must be split on any line end, not on "\n".
    @Test func csvWithCRLFLineEndsIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vidclass-ds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["a.mp4", "b.mp4"] { try Data().write(to: folder.appendingPathComponent(name)) }
        let csv = folder.appendingPathComponent("set.csv")
        try Data("path,label\r\na.mp4,cat\r\n\r\nb.mp4,dog\r\nc.mp4,dog\r\n".utf8).write(to: csv)
        let dataset = try Dataset(contentsOf: csv.path)
        #expect(dataset.labels == ["cat", "dog"])
        #expect(dataset.clips.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.mp4", "b.mp4"])
        #expect(dataset.skipped.map(\.reason) == ["The file does not exist (listed on line 5)."])
    }

    @Test func theSplitIsStratifiedStableAndSeeded() {
        let clips = (0..<10).flatMap { index in ["cat", "dog"].map { Dataset.Clip(path: "/d/\($0)/\(index).mp4", label: $0) } }
            + [Dataset.Clip(path: "/d/owl/0.mp4", label: "owl")]
        let dataset = Dataset(clips: clips)
        let (training, validation) = dataset.split(validationFraction: 0.2, seed: 7)
        #expect(validation.clips.filter { $0.label == "cat" }.count == 2)
        #expect(validation.clips.filter { $0.label == "dog" }.count == 2)
        #expect(training.clips.count == 17)
        #expect(training.labels == ["cat", "dog", "owl"])
        #expect(dataset.split(validationFraction: 0.2, seed: 7).validation == validation)
        let others = (0..<20).map { dataset.split(validationFraction: 0.2, seed: UInt64($0)).validation }
        #expect(Set(others.map { $0.clips.map(\.path) }).count > 1)
    }
}
