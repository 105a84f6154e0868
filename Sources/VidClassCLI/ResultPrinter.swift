import ArgumentParser
import Foundation
import VidClass

/// Output formats of `classify`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, jsonl, csv
}

/// Prints classification results (and per-input errors of a batch) in one of the output formats, to standard
/// output or to a batch's ``RecordFile``, one input at a time so a long batch streams.
///
/// `json` prints one object for one input and an array for several; `jsonl` one object per line; `csv` a header
/// and one row per (input, rank); errors appear as `{"input": …, "error": {"code": …, "message": …}}` or as a
/// CSV row with an empty rank. Each input's output is written with one call, so with a file every record
/// reaches the disk whole.
struct ResultPrinter {
    let format: OutputFormat
    let top: Int
    let batch: Bool
    /// Where records go instead of standard output.
    let file: RecordFile?
    private var count = 0

    init(format: OutputFormat, top: Int, batch: Bool, file: RecordFile? = nil) {
        self.format = format
        self.top = top
        self.batch = batch
        self.file = file
    }

    mutating func print(_ result: Classification) throws(VidClassError) {
        switch format {
        case .text: try emit(text(result))
        case .json: try emitJSONElement(encode(result, pretty: true))
        case .jsonl: try emit(encode(result, pretty: false) + "\n")
        case .csv: try emit(csvRows(result))
        }
        count += 1
    }

    mutating func print(input: String, error: VidClassError) throws(VidClassError) {
        let record = ErrorRecord(input: input, error: .init(code: error.category.rawValue, exitCode: error.exitCode, message: error.commandLineMessage))
        switch format {
        case .text: try emit("\(input)\n  error: \(error.commandLineMessage)\n\n")
        case .json: try emitJSONElement(encode(record, pretty: true))
        case .jsonl: try emit(encode(record, pretty: false) + "\n")
        case .csv: try emit(csvHeaderIfFirst() + [input, "", "", "", "", error.commandLineMessage].map(csvField).joined(separator: ",") + "\n")
        }
        count += 1
    }

    func finish() throws(VidClassError) {
        if format == .json && batch { try emit(count == 0 ? "[]\n" : "\n]\n") }
        if file == nil { try StandardStreams.synchronizeOutput() }
    }

    // MARK: Formats

    private func text(_ result: Classification) -> String {
        let video = result.video
        var lines = [
            "\(result.input)  (\(video.codec) \(video.width)x\(video.height), \(video.frameCount) frames"
                + (video.duration.map { String(format: ", %.1f s", $0) } ?? "")
                + "; \(result.sampling)"
                + (result.coverage.map { String(format: " covering %.0f%% of the video", $0 * 100) } ?? "")
                + ", \(result.pooling) pooling)"
        ]
        for (rank, prediction) in result.predictions.enumerated() {
            lines.append(String(format: "  %2d. %6.2f%%  ", rank + 1, prediction.probability * 100) + prediction.label)
        }
        lines += result.approximate.map { ["  approximate: \($0)"] } ?? []
        lines += result.warnings.map { "  warning: \($0)" }
        return lines.joined(separator: "\n") + "\n" + (batch ? "\n" : "")
    }

    private mutating func csvRows(_ result: Classification) -> String {
        var rows = csvHeaderIfFirst()
        for (rank, prediction) in result.predictions.enumerated() {
            let fields = [result.input, String(rank + 1), prediction.label, String(prediction.classIndex), String(prediction.probability), ""]
            rows += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return rows
    }

    private func csvHeaderIfFirst() -> String {
        count == 0 ? "input,rank,label,class_index,probability,error\n" : ""
    }

    private func csvField(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    private func emitJSONElement(_ json: String) throws(VidClassError) {
        guard batch else { return try emit(json + "\n") }
        try emit((count == 0 ? "[\n" : ",\n") + json)
    }

    private func encode(_ value: some Encodable, pretty: Bool) -> String {
        JSONRecord.text(value, pretty: pretty)
    }

    private func emit(_ string: String) throws(VidClassError) {
        if let file {
            try file.append(string)
        } else {
            try StandardStreams.write(string, to: .output)
        }
    }
}

/// A batch record for an input that failed.
struct ErrorRecord: Encodable {
    struct Detail: Encodable {
        var code: String
        var exitCode: Int32
        var message: String
    }
    var input: String
    var error: Detail
}
