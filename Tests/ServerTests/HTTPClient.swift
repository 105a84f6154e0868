import Foundation

/// A deliberately small HTTP/1.1 client over a blocking TCP socket to 127.0.0.1, for the server tests: it sends
/// exactly the bytes a test asks for (a wrong `Content-Length`, half a body, then a hang-up) and reads the
/// reply until the server closes the connection (every request says `Connection: close`).
struct HTTPClient {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }

        /// The JSON body as a dictionary (empty when it is not a JSON object).
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        /// `error.code` and `error.message` of a JSON error reply.
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int

    /// Sends one request and reads the whole reply. `headers` are added after Host, Connection and (when
    /// `contentLength` is not given) the body's Content-Length.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [], contentLength: Int? = nil,
        timeout: TimeInterval = 120
    ) throws -> Reply {
        let socket = try connect(timeout: timeout)
        defer { close(socket) }
        try write(socket, head(method, path, headers: headers, contentLength: contentLength ?? body.count) + body)
        return try readReply(socket)
    }

    /// Sends the head and `sentBytes` of a body of `announcedBytes`, waits `waitBeforeClosing` seconds, then hangs
    /// up without reading a reply.
    func hangUp(
        afterSending sentBytes: [UInt8], announcedBytes: Int, path: String = "/v1/classify", waitBeforeClosing: TimeInterval = 0
    ) throws {
        let socket = try connect(timeout: 10)
        defer { close(socket) }
        try write(socket, head("POST", path, headers: [("Content-Type", "video/mp4")], contentLength: announcedBytes) + sentBytes)
        if waitBeforeClosing > 0 { Thread.sleep(forTimeInterval: waitBeforeClosing) }
    }

    /// A `multipart/form-data` body with one file field, as a browser sends it, and its content type.
    static func form(file: [UInt8], field: String = "file", filename: String) -> (body: [UInt8], contentType: String) {
        let boundary = "----vidclass-test-\(UInt32.random(in: 0...UInt32.max))"
        let start = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: video/mp4\r\n\r\n"
        return (Array(start.utf8) + file + Array("\r\n--\(boundary)--\r\n".utf8), "multipart/form-data; boundary=\(boundary)")
    }

    private func head(_ method: String, _ path: String, headers: [(String, String)], contentLength: Int) -> [UInt8] {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close"]
        if method == "POST" { lines.append("Content-Length: \(contentLength)") }
        lines += headers.map { "\($0): \($1)" }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    private func connect(timeout: TimeInterval) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed: \(errno)") }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            close(socket)
            throw Failure(description: "connect to 127.0.0.1:\(port) failed: \(errno)")
        }
        return socket
    }

    /// Writes all of `bytes`; a server that answers early (413) and closes may cut the write short, which is
    /// not an error here: the reply is what the test checks.
    private func write(_ socket: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return }
            offset += written
        }
    }

    private func readReply(_ socket: Int32) throws -> Reply {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no complete reply head in \(data.count) bytes")
        }
        let lines = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[split.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = Self.dechunked(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    private static func dechunked(_ data: Data) -> Data {
        var body = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)),
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0
        {
            let start = lineEnd.upperBound
            body.append(rest[start..<min(start + size, rest.endIndex)])
            rest = rest[min(start + size + 2, rest.endIndex)...]
        }
        return body
    }
}
