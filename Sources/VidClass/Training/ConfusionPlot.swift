import VideoDecoding

extension EvaluationReport {
    /// The confusion matrix as a heat map: one square cell per (true, predicted) pair of the classes that occur,
    /// shaded from white (0) to dark blue (all of the row's clips), with the count written in each non-empty cell.
    /// The title gives the accuracy; the rows are labelled "true" with the class names on the left, the columns
    /// "predicted" with the class names written upwards above them; a long name is shortened in its middle
    /// (`playing_bas..ll_in_park`), so its start and end stay readable.
    ///
    /// ```swift
    /// try FileManager.default.createFile(atPath: "confusion.png", contents: Data(report.heatMap().pngData()))
    /// ```
    public func heatMap(cell: Int = 36) -> RGBImage {
        ConfusionPlot(self, cell: cell).image
    }

    /// The heat map's title: `accuracy 88.9% of 9 clips`.
    public var plotTitle: String { "accuracy \(Self.percent(accuracy)) of \(clips) clips" }
}

/// Where each part of a confusion heat map goes: the title, the two axis names, the class names and the cells.
///
/// ```text
///  accuracy 88.9% of 9 clips          title, twice the size of the other text
///          predicted                  column axis, over the column names
///          b  c  p                    column names, written upwards
///  t  bikes [3][ ][ ]                 row axis ("true", upwards), row names, cells
///  r  clean [ ][3][ ]
///  ...
/// ```
struct ConfusionPlot {
    /// One line of text: its top-left corner when horizontal; its bottom-left corner when it runs upwards
    /// (rotated a quarter turn anticlockwise, read from bottom to top).
    struct Caption: Equatable {
        var text: String
        var x: Int
        var y: Int
        var scale: Int
        var upward: Bool

        /// The pixels the caption covers: (x, y, width, height).
        var extent: (x: Int, y: Int, width: Int, height: Int) {
            let length = text.count * (BitmapFont.glyphWidth + 1) * scale
            let thickness = BitmapFont.glyphHeight * scale
            return upward ? (x, y - length, thickness, length) : (x, y, length, thickness)
        }
    }

    /// The longest class name drawn; longer ones are shortened in the middle.
    static let longestName = 20
    static let padding = 8

    var width: Int
    var height: Int
    var captions: [Caption]
    /// The cells' top-left corner and size, and the classes of their rows and columns.
    var gridX: Int
    var gridY: Int
    var cell: Int
    var classes: [Int]
    private let confusion: [[Int]]

    init(_ report: EvaluationReport, cell: Int) {
        let classes = report.presentClasses
        let names = classes.map { Self.abbreviated(report.labels[$0], to: Self.longestName) }
        let advance = BitmapFont.glyphWidth + 1
        let nameLength = advance * (names.map(\.count).max() ?? 1)
        let pad = Self.padding
        let title = Caption(text: report.plotTitle, x: pad, y: pad, scale: 2, upward: false)
        let predictedY = pad + title.extent.height + pad
        gridY = predictedY + BitmapFont.glyphHeight + pad / 2 + nameLength + pad / 2
        let namesX = pad + BitmapFont.glyphHeight + pad
        gridX = namesX + nameLength + pad / 2
        let gridSize = cell * classes.count
        width = max(gridX + gridSize, title.extent.width + pad) + pad
        height = gridY + gridSize + pad
        let axisX = gridX + max(0, (gridSize - "predicted".count * advance) / 2)
        let trueY = gridY + gridSize / 2 + "true".count * advance / 2
        captions = [
            title,
            Caption(text: "predicted", x: axisX, y: predictedY, scale: 1, upward: false),
            Caption(text: "true", x: pad, y: min(height - pad, trueY), scale: 1, upward: true),
        ]
        for (position, name) in names.enumerated() {
            let middle = position * cell + (cell - BitmapFont.glyphHeight) / 2
            captions.append(Caption(text: name, x: namesX, y: gridY + middle, scale: 1, upward: false))
            captions.append(Caption(text: name, x: gridX + middle, y: gridY - pad / 2, scale: 1, upward: true))
        }
        self.cell = cell
        self.classes = classes
        confusion = report.confusion
    }

    /// The plot drawn.
    var image: RGBImage {
        var canvas = Canvas(width: width, height: height, background: (255, 255, 255))
        for caption in captions { Self.draw(caption, on: &canvas, color: (0, 0, 0)) }
        // Light grey under the cells: the gaps between them draw the grid, so empty cells stay visible.
        canvas.fill(x: gridX, y: gridY, width: cell * classes.count, height: cell * classes.count, color: (220, 220, 220))
        for (row, truth) in classes.enumerated() {
            let total = max(1, confusion[truth].reduce(0, +))
            for (column, predicted) in classes.enumerated() {
                let count = confusion[truth][predicted]
                let shade = Double(count) / Double(total)
                let color = (UInt8(255 - 215 * shade), UInt8(255 - 175 * shade), UInt8(255 - 75 * shade))
                let (x, y) = (gridX + column * cell, gridY + row * cell)
                canvas.fill(x: x + 1, y: y + 1, width: cell - 2, height: cell - 2, color: color)
                if count > 0 {
                    canvas.draw(String(count), x: x + 4, y: y + cell / 2 - 4, scale: 1, maxWidth: cell - 8,
                                color: shade > 0.5 ? (255, 255, 255) : (0, 0, 0))
                }
            }
        }
        return canvas.image
    }

    /// Draws `caption` in `color`.
    static func draw(_ caption: Caption, on canvas: inout Canvas, color: (UInt8, UInt8, UInt8)) {
        if caption.upward {
            canvas.drawUpward(caption.text, x: caption.x, bottom: caption.y, scale: caption.scale, color: color)
        } else {
            canvas.draw(caption.text, x: caption.x, y: caption.y, scale: caption.scale, maxWidth: Int.max / 2, color: color)
        }
    }

    /// `name` if it has at most `limit` characters, else its start and end joined by `..` in `limit` characters.
    static func abbreviated(_ name: String, to limit: Int) -> String {
        guard name.count > limit else { return name }
        let kept = limit - 2
        return String(name.prefix(kept - kept / 2)) + ".." + String(name.suffix(kept / 2))
    }
}
