import CrossfootBase

/// `multipart/form-data` (RFC 7578): the parts of a request body, as ranges into it, so a file
/// is never copied while the form is read.
public struct Multipart: Sendable {
    public struct Part: Sendable {
        /// The form field's name.
        public var name: String
        /// The file name the browser sent, for file fields; only ever shown, never a path.
        public var filename: String?
        public var contentType: String?
        /// Where the part's content lies in the body.
        public var range: Range<Int>
    }

    public var parts: [Part]

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` header.
    public static func boundary(contentType: String) -> String? {
        let fields = contentType.split(separator: ";").map { $0.trimmingSpaces }
        guard fields.first?.lowercased() == "multipart/form-data" else { return nil }
        for field in fields.dropFirst() where field.lowercased().hasPrefix("boundary=") {
            var value = Substring(field.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return value.isEmpty || value.count > 70 ? nil : String(value)
        }
        return nil
    }

    /// Splits `body` at `boundary`; `nil` when it is not a well-formed form.
    ///
    /// - Parameter maxParts: more parts than this is not a form a person sent.
    public init?(body: [UInt8], boundary: String, maxParts: Int = 1000) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        guard body.starts(with: delimiter) else { return nil }
        var parts: [Part] = []
        var i = delimiter.count
        while true {
            // After a delimiter: `--` ends the form, CRLF starts a part.
            if body.count >= i + 2, body[i] == 45, body[i + 1] == 45 { break }
            guard body.count >= i + 2, body[i] == 13, body[i + 1] == 10 else { return nil }
            i += 2
            guard let headEnd = Self.find([13, 10, 13, 10], in: body, from: i) else { return nil }
            let head = String(decoding: body[i..<headEnd], as: UTF8.self)
            let contentStart = headEnd + 4
            guard let next = Self.find(separator, in: body, from: headEnd + 2) else { return nil }
            // `find` starts at headEnd + 2 so an empty part's separator right after the head counts.
            let contentEnd = max(contentStart, next)
            guard var part = Self.part(head: head, range: contentStart..<contentEnd) else { return nil }
            part.range = contentStart..<max(contentStart, next)
            parts.append(part)
            guard parts.count <= maxParts else { return nil }
            i = next + separator.count
        }
        self.parts = parts
    }

    /// The text of the first field of this name.
    public func text(_ name: String, in body: [UInt8]) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: body[$0.range], as: UTF8.self) }
    }

    private static func part(head: String, range: Range<Int>) -> Part? {
        var name: String?
        var filename: String?
        var type: String?
        for line in head.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let header = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...]
            if header == "content-disposition" {
                name = parameter("name", in: value)
                filename = parameter("filename", in: value)
            } else if header == "content-type" {
                type = value.trimmingSpaces
            }
        }
        guard let name else { return nil }
        return Part(name: name, filename: filename, contentType: type, range: range)
    }

    /// A quoted or bare parameter of a header value (`name="files"; filename="a.md"`), with the
    /// `\"` and `%22` escapes browsers use inside quotes undone.
    static func parameter(_ key: String, in value: Substring) -> String? {
        var rest = value[...]
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...]
            let field = rest.drop { $0 == " " || $0 == "\t" }
            guard field.lowercased().hasPrefix(key + "=") else { continue }
            var v = field.dropFirst(key.count + 1)
            if v.first == "\"" {
                v = v.dropFirst()
                var out = ""
                var escaped = false
                for c in v {
                    if escaped {
                        out.append(c)
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        break
                    } else {
                        out.append(c)
                    }
                }
                return out.replacingOccurrences(of: "%22", with: "\"")
            }
            return String(v.prefix { $0 != ";" }).trimmingCharacters(in: " \t")
        }
        return nil
    }

    /// The first position of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
