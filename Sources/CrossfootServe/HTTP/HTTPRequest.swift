import CrossfootBase

/// One HTTP/1.1 request as the server read it: the head parsed, the body held whole only once
/// the handler let it in and it fits the limit.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent: path and query, undecoded.
    public var target: String
    /// Header names lowercased, values with surrounding spaces removed; in the order sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by its lowercase name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// The path, before any `?`.
    public var path: String {
        target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
    }

    /// The query's parameters, percent-decoded.
    public var query: [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        return FormURLEncoded.parse(Substring(target[target.index(after: mark)...]))
    }

    /// The body's declared length, when it is one well-formed `Content-Length`.
    public var contentLength: Int? {
        header("content-length").flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The value of a cookie sent with the request.
    public func cookie(_ name: String) -> String? {
        for (headerName, value) in headers where headerName == "cookie" {
            for pair in value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingSpaces == name { return parts[1].trimmingSpaces }
            }
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmingSpaces }
}
