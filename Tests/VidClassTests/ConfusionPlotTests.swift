import Testing

@testable import VidClass

/// The confusion plot: a title with the accuracy, both axes named, every class name readable and nothing drawn
/// over anything else.
@Suite("confusion plot")
struct ConfusionPlotTests {
    @Test func longClassNamesAreShortenedInTheMiddle() {
        #expect(ConfusionPlot.abbreviated("pancake", to: 20) == "pancake")
        let short = ConfusionPlot.abbreviated("playing_basketball_in_the_park", to: 20)
        #expect(short.count == 20)
        #expect(short.hasPrefix("playing_b") && short.hasSuffix("the_park") && short.contains(".."))
    }

    @Test func thePlotHasATitleBothAxesAndEveryNameWhereNothingElseIs() throws {
        let report = try SampleEvaluation.report(labels: ["bikes", "cleaning_a_pool", "a_very_long_class_name_indeed"])
        let plot = ConfusionPlot(report, cell: 36)
        let texts = plot.captions.map(\.text)
        #expect(texts.first == report.plotTitle)
        #expect(report.plotTitle == "accuracy \(EvaluationReport.percent(report.accuracy)) of 6 clips")
        #expect(plot.captions.contains { $0.text == "predicted" && !$0.upward })
        #expect(plot.captions.contains { $0.text == "true" && $0.upward })
        let shortened = ConfusionPlot.abbreviated("a_very_long_class_name_indeed", to: ConfusionPlot.longestName)
        #expect(shortened.count == ConfusionPlot.longestName)
        for name in ["bikes", "cleaning_a_pool", shortened] {
            // Once beside its row, once (upwards) above its column.
            #expect(plot.captions.filter { $0.text == name }.map(\.upward).sorted { !$0 && $1 } == [false, true], "\(name)")
        }

        let image = report.heatMap()
        #expect(image.width == plot.width && image.height == plot.height)
        let grid = (x: plot.gridX, y: plot.gridY, width: plot.cell * 3, height: plot.cell * 3)
        for (index, caption) in plot.captions.enumerated() {
            let box = caption.extent
            #expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= image.width && box.y + box.height <= image.height, "\(caption.text)")
            #expect(!Self.overlap(box, grid), "\(caption.text) covers the cells")
            for other in plot.captions[(index + 1)...] {
                #expect(!Self.overlap(box, other.extent), "\(caption.text) overlaps \(other.text)")
            }
            // Every pixel of the caption drawn alone is dark in the plot: the text is there, whole.
            var alone = Canvas(width: image.width, height: image.height, background: (255, 255, 255))
            ConfusionPlot.draw(caption, on: &alone, color: (0, 0, 0))
            let ink = stride(from: 0, to: alone.image.pixels.count, by: 3).filter { alone.image.pixels[$0] == 0 }
            #expect(!ink.isEmpty && ink.allSatisfy { image.pixels[$0] == 0 }, "\(caption.text)")
        }
    }

    private static func overlap(
        _ a: (x: Int, y: Int, width: Int, height: Int), _ b: (x: Int, y: Int, width: Int, height: Int)
    ) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }
}
