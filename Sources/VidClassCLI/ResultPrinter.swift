import ArgumentParser
import Foundation
import VidClass

/// Output formats of `classify`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, jsonl, csv
}

/// Prints classification results (and per-input errors of a batch) in one of the output formats, to standard
/// output, one input at a time so a long batch streams.
///
/// `json` prints one object for one input and an array for several; `jsonl` one object per line; `csv` a header
/// and one row per (input, rank); errors appear as `{"input": …, "error": {"code": …, "message": …}}` or as a
/// CSV row with an empty rank.
struct ResultPrinter {
    let format: OutputFormat
    let top: Int
    let batch: Bool
    private var count = 0

    init(format: OutputFormat, top: Int, batch: Bool) {
        self.format = format
        self.top = top
        self.batch = batch
    }

    mutating func print(_ result: Classification) {
        switch format {
        case .text: emit(text(result))
        case .json: emitJSONElement(encode(result, pretty: true))
        case .jsonl: emit(encode(result, pretty: false) + "\n")
        case .csv: emit(csvRows(result))
        }
        count += 1
    }

    mutating func print(input: String, error: VidClassError) {
        let record = ErrorRecord(input: input, error: .init(code: error.category.rawValue, exitCode: error.exitCode, message: error.message))
        switch format {
        case .text: emit("\(input)\n  error: \(error.message)\n\n")
        case .json: emitJSONElement(encode(record, pretty: true))
        case .jsonl: emit(encode(record, pretty: false) + "\n")
        case .csv: emit(csvHeaderIfFirst() + [input, "", "", "", "", error.message].map(csvField).joined(separator: ",") + "\n")
        }
        count += 1
    }

    func finish() {
        if format == .json && batch { emit(count == 0 ? "[]\n" : "\n]\n") }
        FileHandle.standardOutput.synchronizeFile()
    }

    // MARK: Formats

    private func text(_ result: Classification) -> String {
        let video = result.video
        var lines = [
            "\(result.input)  (\(video.codec) \(video.width)x\(video.height), \(video.frameCount) frames"
                + (video.duration.map { String(format: ", %.1f s", $0) } ?? "")
                + "; \(result.sampling), \(result.pooling) pooling)"
        ]
        for (rank, prediction) in result.predictions.enumerated() {
            lines.append(String(format: "  %2d. %6.2f%%  ", rank + 1, prediction.probability * 100) + prediction.label)
        }
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

    private func emitJSONElement(_ json: String) {
        guard batch else { return emit(json + "\n") }
        emit((count == 0 ? "[\n" : ",\n") + json)
    }

    private func encode(_ value: some Encodable, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    private func emit(_ string: String) {
        FileHandle.standardOutput.write(Data(string.utf8))
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
