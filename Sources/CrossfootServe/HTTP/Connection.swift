#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted connection: reads one request within the limits, answers it, and closes.
struct Connection {
    var fd: Int32
    var limits: HTTPServer.Limits

    func answer(_ handler: some HTTPHandler) {
        var timeout = timeval(tv_sec: limits.timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        switch readHead() {
        case .failure(let error):
            if error.status != 0 { send(handler.finish(HTTPResponse(status: error.status, text: "\(HTTPResponse.reason(error.status))\n"))) }
        case .success(let (head, rest)):
            var request = head
            if let refusal = handler.refusal(head: request) {
                send(handler.finish(refusal))
                drain()
                return
            }
            let length = request.contentLength ?? 0
            if request.header("transfer-encoding") != nil {
                send(handler.finish(HTTPResponse(status: 411, text: "Send the body with a Content-Length.\n")))
                return
            }
            guard length <= limits.maxBody else {
                send(handler.finish(HTTPResponse(status: 413, text: "The upload is larger than the server takes.\n")))
                drain()
                return
            }
            guard let body = readBody(length: length, already: rest) else { return }
            request.body = body
            send(handler.finish(handler.respond(to: request)), withBody: request.method != "HEAD")
        }
    }

    /// The request line and headers, and the body bytes that came with them; or the status to
    /// refuse with (0: the peer went away).
    func readHead() -> Result<(HTTPRequest, [UInt8]), HeadError> {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var end: Int?
        while end == nil {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return .failure(HeadError(status: n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? 408 : 0)) }
            let searchFrom = max(0, buffer.count - 3)
            buffer += chunk[0..<n]
            end = Self.headEnd(buffer, from: searchFrom)
            if end == nil, buffer.count > limits.maxHead { return .failure(HeadError(status: 431)) }
        }
        guard let end, end <= limits.maxHead + 4 else { return .failure(HeadError(status: 431)) }
        let head = String(decoding: buffer[0..<(end - 4)], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), requestLine[1].first == "/" else { return .failure(HeadError(status: 400)) }
        guard lines.count <= limits.maxHeaders else { return .failure(HeadError(status: 431)) }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return .failure(HeadError(status: 400)) }
            let name = line[..<colon]
            guard !name.contains(" ") else { return .failure(HeadError(status: 400)) }
            headers.append((name.lowercased(), line[line.index(after: colon)...].trimmingSpaces))
        }
        let request = HTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
        // Two lengths that disagree could hide a second request in the body.
        let lengths = Set(headers.filter { $0.name == "content-length" }.map(\.value))
        guard lengths.count <= 1, lengths.isEmpty || request.contentLength != nil else { return .failure(HeadError(status: 400)) }
        return .success((request, Array(buffer[end...])))
    }

    struct HeadError: Error {
        var status: Int
    }

    /// Where the blank line ending the head ends, as an offset past it.
    static func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 { return i + 4 }
            i += 1
        }
        return nil
    }

    /// Exactly `length` body bytes, into one buffer of that size; `nil` when the peer stopped
    /// sending.
    func readBody(length: Int, already: [UInt8]) -> [UInt8]? {
        var body = [UInt8](repeating: 0, count: length)
        let first = min(length, already.count)
        body.replaceSubrange(0..<first, with: already[0..<first])
        var filled = first
        while filled < length {
            let n = body.withUnsafeMutableBytes { raw in recv(fd, raw.baseAddress.map { $0 + filled }, length - filled, 0) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return nil }
            filled += n
        }
        return body
    }

    func send(_ response: HTTPResponse, withBody: Bool = true) {
        let bytes = response.serialized(withBody: withBody)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.send(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset, 0)
                #endif
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads and drops what the peer still sends after a refusal (for at most two seconds and
    /// the body limit), so that it reads the refusal rather than a reset connection; nothing
    /// read is kept.
    func drain() {
        shutdown(fd, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sink = [UInt8](repeating: 0, count: 64 << 10)
        var dropped = 0
        while dropped < limits.maxBody + (64 << 20) {
            let n = sink.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            dropped += n
        }
    }
}
