import VideoDecoding

extension EvaluationReport {
    /// The confusion matrix as a heat map: one square cell per (true, predicted) pair of the classes that occur,
    /// shaded from white (0) to dark blue (all of the row's clips), with the count written in each non-empty cell
    /// and the class names along the left. Rows are true labels, columns predictions.
    ///
    /// ```swift
    /// try FileManager.default.createFile(atPath: "confusion.png", contents: Data(report.heatMap().pngData()))
    /// ```
    public func heatMap(cell: Int = 36) -> RGBImage {
        let shown = presentClasses
        let margin = 8 + 6 * min(24, shown.map { labels[$0].count }.max() ?? 1)
        var canvas = Canvas(width: margin + cell * shown.count + 8, height: cell * shown.count + 16, background: (255, 255, 255))
        for (row, truth) in shown.enumerated() {
            let total = max(1, confusion[truth].reduce(0, +))
            canvas.draw(String(labels[truth].prefix(24)), x: 4, y: 8 + row * cell + cell / 2 - 4, scale: 1, maxWidth: margin - 8, color: (0, 0, 0))
            for (column, predicted) in shown.enumerated() {
                let count = confusion[truth][predicted]
                let shade = Double(count) / Double(total)
                let color = (UInt8(255 - 215 * shade), UInt8(255 - 175 * shade), UInt8(255 - 75 * shade))
                canvas.fill(x: margin + column * cell + 1, y: 8 + row * cell + 1, width: cell - 2, height: cell - 2, color: color)
                if count > 0 {
                    canvas.draw(String(count), x: margin + column * cell + 4, y: 8 + row * cell + cell / 2 - 4, scale: 1,
                                maxWidth: cell - 8, color: shade > 0.5 ? (255, 255, 255) : (0, 0, 0))
                }
            }
        }
        return canvas.image
    }
}
