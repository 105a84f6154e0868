import Foundation
import VideoDecoding

/// One picture of a classification: the sampled frames in a grid, each captioned with its time, its frame index,
/// its own top label and (attention pooling) its weight α_t; the video's top label across the top.
///
/// ```swift
/// let (result, frames) = try classifier.classifyKeepingFrames(.path("clip.mp4"),
///                                                           options: .init(perFrameLabels: true, keepFrames: true))
/// try ContactSheet(classification: result, frames: frames).write(to: "sheet.png")
/// ```
public struct ContactSheet: Sendable {
    public var classification: Classification
    public var frames: [RGBImage]
    /// Width of one thumbnail in pixels.
    public var cellWidth = 240

    private static let scale = 2
    private static let lineHeight = (BitmapFont.glyphHeight + 3) * scale
    private static let margin = 8
    private static let background: (UInt8, UInt8, UInt8) = (24, 24, 28)
    private static let ink: (UInt8, UInt8, UInt8) = (235, 235, 235)
    private static let accent: (UInt8, UInt8, UInt8) = (250, 200, 80)

    public init(classification: Classification, frames: [RGBImage]) {
        self.classification = classification
        self.frames = frames
    }

    /// Renders the sheet.
    public func render() -> RGBImage {
        let columns = max(1, min(frames.count, Int(Double(frames.count).squareRoot().rounded(.up))))
        let rows = (frames.count + columns - 1) / columns
        // Thumbnails keep the frames' proportions up to 1:4 (tall) and 16:1 (wide); beyond that they are
        // squeezed, so a 1×100 000 picture makes a sheet of ordinary size instead of a 240×24 000 000 one.
        let aspect = min(max(frames.first.map { Double($0.height) / Double(max(1, $0.width)) } ?? 0.75, 1.0 / 16), 4)
        let thumbHeight = max(1, Int(Double(cellWidth) * aspect))
        let cellHeight = thumbHeight + 2 * Self.lineHeight + Self.margin
        let header = 2 * Self.lineHeight + Self.margin
        let width = columns * (cellWidth + Self.margin) + Self.margin
        var canvas = Canvas(width: width, height: header + rows * cellHeight + Self.margin, background: Self.background)
        let best = classification.predictions.first
        canvas.draw(classification.input, x: Self.margin, y: Self.margin, scale: Self.scale, maxWidth: width - 2 * Self.margin, color: Self.ink)
        canvas.draw(
            best.map { "\($0.label)  \(String(format: "%.1f%%", $0.probability * 100))  (\(classification.pooling) pooling)" } ?? "",
            x: Self.margin, y: Self.margin + Self.lineHeight, scale: Self.scale, maxWidth: width - 2 * Self.margin, color: Self.accent)
        for (position, picture) in frames.enumerated() {
            let x = Self.margin + (position % columns) * (cellWidth + Self.margin)
            let y = header + (position / columns) * cellHeight
            canvas.paste(picture, x: x, y: y, width: cellWidth, height: thumbHeight)
            guard position < classification.frames.count else { continue }
            let frame = classification.frames[position]
            var first = String(format: "%.2fs #%d", frame.timestamp, frame.index)
            if let weight = frame.attention { first += String(format: " a=%.2f", weight) }
            canvas.draw(first, x: x, y: y + thumbHeight + 4, scale: Self.scale, maxWidth: cellWidth, color: Self.ink)
            canvas.draw(frame.topLabel?.label ?? "", x: x, y: y + thumbHeight + 4 + Self.lineHeight, scale: Self.scale, maxWidth: cellWidth, color: Self.accent)
        }
        return canvas.image
    }

    /// Renders and writes the sheet as PNG; an existing file is replaced only when `overwrite` is set.
    public func write(to path: String, overwrite: Bool = false) throws(VidClassError) {
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw VidClassError(.cannotCreate, "\(path) already exists", suggestion: .allowOverwriteOrChooseAnotherPath)
        }
        let data: [UInt8]
        do {
            data = try render().pngData()
        } catch {
            throw VidClassError(error)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(data)) else {
            throw VidClassError(.io, "Cannot write \(path); check the folder exists and is writable.")
        }
    }
}
