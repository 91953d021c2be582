import Foundation
import Testing

@testable import Crossfoot
@testable import CrossfootServe

#if canImport(Glibc)
import Glibc
#endif

/// A server started for one test on 127.0.0.1 and a free port, stopped by `stop()`.
struct TestServer {
    let server: ServeServer
    var port: Int { server.http.port }
    var token: String { server.app.settings.token }
    var origin: String { "http://127.0.0.1:\(port)" }
    var cookie: String { "crossfoot_token=\(token)" }

    init(maxUpload: Int = 50 << 20, expiry: Double = 3600, rules: [String] = []) throws {
        var options = ServeServer.Options()
        options.maxUpload = maxUpload
        options.expiry = expiry
        options.rules = rules
        server = try ServeServer(config: ProjectConfig(directory: Support.root), options: options)
        server.start()
    }

    func stop() { server.stop() }

    /// A GET with the session cookie.
    func get(_ target: String, headers: [(String, String)]? = nil) throws -> Reply {
        try send("GET \(target) HTTP/1.1\r\n", headers: headers ?? [("Host", "127.0.0.1:\(port)"), ("Cookie", cookie)])
    }

    /// A multipart POST to /check of `files` (name, content), with the token and Origin unless
    /// told otherwise.
    func upload(
        _ files: [(name: String, content: [UInt8])], rules: (name: String, content: String)? = nil, token: String?? = .none, origin: String?? = .none,
        host: String? = nil
    ) throws -> Reply {
        let boundary = "----crossfoot-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        func field(_ disposition: String, _ content: [UInt8]) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; \(disposition)\r\n\r\n".utf8) + content + Array("\r\n".utf8)
        }
        let sentToken: String? = token ?? self.token
        if let sentToken { field("name=\"token\"", Array(sentToken.utf8)) }
        for file in files {
            let escaped = file.name.replacingOccurrences(of: "\"", with: "%22")
            field("name=\"files\"; filename=\"\(escaped)\"", file.content)
        }
        if let rules { field("name=\"rules\"; filename=\"\(rules.name)\"", Array(rules.content.utf8)) }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = [
            ("Host", host ?? "127.0.0.1:\(port)"), ("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("Content-Length", "\(body.count)"),
        ]
        if let sentOrigin: String = origin ?? self.origin { headers.append(("Origin", sentOrigin)) }
        return try send("POST /check HTTP/1.1\r\n", headers: headers, body: body)
    }

    /// Uploads and follows the redirect to the result page.
    func check(_ files: [(name: String, content: [UInt8])], rules: (name: String, content: String)? = nil) throws -> (page: Reply, id: String) {
        let posted = try upload(files, rules: rules)
        #expect(posted.status == 303)
        let location = try #require(posted.header("location"))
        return (try get(location), String(location.dropFirst("/r/".count)))
    }

    func send(_ requestLine: String, headers: [(String, String)], body: [UInt8] = []) throws -> Reply {
        var request = Array(requestLine.utf8)
        for (name, value) in headers { request += Array("\(name): \(value)\r\n".utf8) }
        request += Array("\r\n".utf8) + body
        return try Self.exchange(port: port, request)
    }

    /// Sends the bytes and closes the connection without reading.
    static func hangUp(port: Int, after request: [UInt8]) throws {
        let fd = try connected(port)
        _ = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, request.count, Int32(MSG_NOSIGNAL)) }
        close(fd)
    }

    static func connected(_ port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port)).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        return fd
    }

    /// Sends the bytes and reads until the server closes.
    static func exchange(port: Int, _ request: [UInt8]) throws -> Reply {
        let fd = try connected(port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var offset = 0
        while offset < request.count {
            let n = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, request.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }  // the server may refuse before the body is sent
            offset += n
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += chunk[0..<n]
        }
        return try Reply(response)
    }
}

/// A response as the test client read it.
struct Reply {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    init(_ bytes: [UInt8]) throws {
        let end = try #require(Multipart.find([13, 10, 13, 10], in: bytes, from: 0))
        let head = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        status = Int(head[0].split(separator: " ")[1]) ?? 0
        headers = head.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        body = Array(bytes[(end + 4)...])
    }

    func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
}
