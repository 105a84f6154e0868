/// Reads one file field out of a `multipart/form-data` body (RFC 7578), as a browser's `<form>` or
/// `curl -F file=@clip.mp4` sends it.
///
/// ```swift
/// let form = MultipartForm(body: bytes, boundary: "----abc")
/// let (data, filename) = try form.file(named: "file")   // the part's bytes, and "clip.mp4"
/// ```
///
/// Just what an upload needs: the parts' `Content-Disposition` names and file names; other headers are skipped
/// and nothing is decoded (no base64, no nested multipart). Cost: one scan of the body for the boundary, and one
/// copy of the chosen part.
struct MultipartForm {
    let body: [UInt8]
    let boundary: String

    /// The content of the part named `name`, and its file name when the part has one.
    /// - Throws: ``APIError`` 400 when the body is not a form with that boundary or has no such part.
    func file(named name: String) throws(APIError) -> (bytes: [UInt8], filename: String?) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard var cursor = Self.find(delimiter, in: body, from: 0) else {
            throw APIError.usage("The multipart/form-data body does not contain its boundary; send the form as a browser or curl -F does.")
        }
        while true {
            let partStart = cursor + delimiter.count
            // "--" after a delimiter closes the form.
            if partStart + 2 <= body.count, body[partStart] == UInt8(ascii: "-"), body[partStart + 1] == UInt8(ascii: "-") { break }
            guard let headerEnd = Self.find(separator, in: body, from: partStart) else { break }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + separator.count
            guard let next = Self.find(Array("\r\n".utf8) + delimiter, in: body, from: contentStart) else {
                throw APIError.usage("The multipart/form-data body ends inside a part (no closing boundary); the upload was cut short.")
            }
            if Self.parameter("name", in: headers) == name {
                return (Array(body[contentStart..<next]), Self.parameter("filename", in: headers))
            }
            cursor = next + 2
        }
        throw APIError.usage("The form has no field named '\(name)'; send the video as the form's \(name) field (curl -F \(name)=@clip.mp4).")
    }

    /// The boundary of a `multipart/form-data; boundary=…` content type, unquoted.
    static func boundary(ofContentType contentType: String) -> String? {
        guard let value = parameter("boundary", in: contentType), !value.isEmpty else { return nil }
        return value
    }

    /// A `key=value` or `key="value"` parameter of a header (case-insensitive key).
    private static func parameter(_ key: String, in header: String) -> String? {
        for field in header.split(whereSeparator: { $0 == ";" || $0.isNewline }) {
            let pair = field.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == key else { continue }
            var value = pair[1].trimmingSpaces
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The first index of `pattern` in `bytes` at or after `start`.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var index = start
            while index <= buffer.count - pattern.count {
                if buffer[index] == first, pattern.indices.allSatisfy({ buffer[index + $0] == pattern[$0] }) { return index }
                index += 1
            }
            return nil
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
