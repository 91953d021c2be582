/// A JSON value with the byte span it was read from.
package struct JSONValue {
    package indirect enum Kind {
        case null
        case bool(Bool)
        /// Kept exact: the number's text parsed as a decimal.
        case number(Number)
        case string(String)
        case array([JSONValue])
        case object([(key: String, value: JSONValue)])
    }

    package var kind: Kind
    package var span: CellSpan

    package var isChartSeries: Bool {
        if case .object(let pairs) = kind { return pairs.contains { $0.key == "categories" } }
        return false
    }
}

/// A small JSON parser over bytes that keeps every value's position.
package struct JSONParser {
    package let bytes: [UInt8]
    package var i: Int
    package let maxDepth = 512

    package init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.i = start
    }

    package struct Failure: Error {
        package var message: String
        package var offset: Int

        package init(message: String, offset: Int) {
            self.message = message
            self.offset = offset
        }
    }

    package mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    package mutating func parseValue(depth: Int = 0) throws(Failure) -> JSONValue {
        skipSpace()
        guard i < bytes.count else { throw Failure(message: "the JSON ends here, in the middle of a value (truncated?)", offset: i) }
        if depth > maxDepth { throw Failure(message: "JSON nested more than \(maxDepth) levels deep", offset: i) }
        let start = i
        switch bytes[i] {
        case 0x7B:  // {
            i += 1
            var pairs: [(key: String, value: JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D {
                i += 1
                return JSONValue(kind: .object(pairs), span: CellSpan(start: start, length: i - start))
            }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x22 else { throw expected("a quoted key") }
                let key = try parseString()
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x3A else { throw expected("':'") }
                i += 1
                let value = try parseValue(depth: depth + 1)
                pairs.append((key, value))
                skipSpace()
                guard i < bytes.count else { throw expected("',' or '}'") }
                if bytes[i] == 0x2C {
                    i += 1
                    continue
                }
                if bytes[i] == 0x7D {
                    i += 1
                    break
                }
                throw expected("',' or '}'")
            }
            return JSONValue(kind: .object(pairs), span: CellSpan(start: start, length: i - start))
        case 0x5B:  // [
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D {
                i += 1
                return JSONValue(kind: .array(items), span: CellSpan(start: start, length: i - start))
            }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw expected("',' or ']'") }
                if bytes[i] == 0x2C {
                    i += 1
                    continue
                }
                if bytes[i] == 0x5D {
                    i += 1
                    break
                }
                throw expected("',' or ']'")
            }
            return JSONValue(kind: .array(items), span: CellSpan(start: start, length: i - start))
        case 0x22:
            let s = try parseString()
            return JSONValue(kind: .string(s), span: CellSpan(start: start, length: i - start))
        case 0x74:
            try literal("true")
            return JSONValue(kind: .bool(true), span: CellSpan(start: start, length: 4))
        case 0x66:
            try literal("false")
            return JSONValue(kind: .bool(false), span: CellSpan(start: start, length: 5))
        case 0x6E:
            try literal("null")
            return JSONValue(kind: .null, span: CellSpan(start: start, length: 4))
        default:
            while i < bytes.count,
                (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2D || bytes[i] == 0x2B || bytes[i] == 0x2E || bytes[i] == 0x65 || bytes[i] == 0x45
            { i += 1 }
            guard i > start else { throw Failure(message: "unexpected character in JSON", offset: start) }
            let parsed = bytes.withUnsafeBufferPointer { CellText.parse(UnsafeBufferPointer(rebasing: $0[start..<i])) }
            guard case .number(let n, false) = parsed else { throw Failure(message: "not a valid JSON number", offset: start) }
            return JSONValue(kind: .number(n), span: CellSpan(start: start, length: i - start))
        }
    }

    package func expected(_ what: String) -> Failure {
        if i >= bytes.count { return Failure(message: "the JSON ends here; expected \(what) (truncated?)", offset: i) }
        return Failure(message: "expected \(what) in JSON", offset: i)
    }

    package mutating func literal(_ word: String) throws(Failure) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
            throw Failure(message: "unexpected character in JSON", offset: i)
        }
        i += w.count
    }

    package mutating func parseString() throws(Failure) -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == 0x5C {
                i += 1
                guard i < bytes.count else { break }
                switch bytes[i] {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x75:
                    guard i + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(i + 1)...(i + 4)], as: UTF8.self), radix: 16) else {
                        throw Failure(message: "bad \\u escape in a JSON string", offset: i - 1)
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
                    i += 4
                default: out.append(bytes[i])
                }
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        throw Failure(message: "a JSON string opened here never closes (truncated?)", offset: open)
    }
}
