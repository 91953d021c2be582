import CrossfootBase

/// A small streaming pull scanner for the XML of workbook parts.
///
/// Bytes are fed as they inflate; `next()` returns the events whose markup is complete and
/// keeps the unfinished tail for the next chunk, so a sheet is scanned without being held
/// whole or built into a tree. It knows elements, attributes (names kept as written, prefixes
/// included), text with the five predefined entities and numeric character references,
/// CDATA sections, and skips comments, processing instructions and a document type
/// declaration (whose entities are never expanded). Text between tags that grows past
/// `maxPendingText` is handed on in pieces, so a run of text cannot hold memory either.
struct XMLScanner {
    /// What the scanner found.
    enum Event {
        /// A start tag; `selfClosing` for `<x/>`, which has no end event.
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        case end(name: String)
        /// Character data, entities decoded; a long run may come in several pieces.
        case text(String)
    }

    let path: String
    let part: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var isFinal = false
    /// Bytes consumed before `buffer[0]`, for error messages.
    private var consumed = 0
    /// How far text from `position` is known to hold no `<`, so a long run is not scanned again
    /// with each chunk.
    private var textScanned = 0
    /// How far past `position` unfinished markup has been scanned, with the scan's state, so
    /// markup that spans many chunks is scanned once (not again from its start with each chunk).
    private var markup = Progress()

    private struct Progress {
        var offset = 0
        var quote: UInt8 = 0
        var depth = 0
    }
    static let maxPendingText = 1 << 20

    init(path: String, part: String) {
        self.path = path
        self.part = part
    }

    /// Adds the next bytes of the part.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        if position > 0 {
            consumed += position
            buffer.removeSubrange(0..<position)
            textScanned = max(0, textScanned - position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
    }

    /// Says that no more bytes will come.
    mutating func finish() {
        isFinal = true
    }

    /// Whether every byte fed has been scanned.
    var isDrained: Bool { position >= buffer.count }

    /// The next complete event, or `nil` when more bytes are needed (or, after `finish()`, at
    /// the end).
    ///
    /// - Throws: a `Diagnostic` naming the part when the XML is not well formed.
    mutating func next() throws(Diagnostic) -> Event? {
        while position < buffer.count {
            if buffer[position] != 0x3C {
                guard let text = try scanText() else { return nil }
                return .text(text)
            }
            // Markup: find where it ends before reading it; wait for enough bytes to tell a
            // comment or CDATA section from a tag.
            if buffer.count - position < 9, !isFinal { return nil }
            if starts(with: "<!--", at: position) {
                guard let end = find("-->", from: position + 4) else { return try needMore("a comment") }
                advance(to: end + 3)
                continue
            }
            if starts(with: "<![CDATA[", at: position) {
                guard let end = find("]]>", from: position + 9) else { return try needMore("a CDATA section") }
                let text = String(decoding: buffer[(position + 9)..<end], as: UTF8.self)
                advance(to: end + 3)
                return .text(text)
            }
            if starts(with: "<?", at: position) {
                guard let end = find("?>", from: position + 2) else { return try needMore("a processing instruction") }
                advance(to: end + 2)
                continue
            }
            if starts(with: "<!", at: position) {
                guard let end = declarationEnd(from: position + 2) else { return try needMore("a declaration") }
                advance(to: end + 1)
                continue
            }
            guard let end = tagEnd(from: position + 1) else { return try needMore("a tag") }
            let event = try tag(position..<(end + 1))
            advance(to: end + 1)
            return event
        }
        return nil
    }

    /// Moves past finished markup.
    private mutating func advance(to end: Int) {
        position = end
        markup = Progress()
    }

    /// `nil` while more bytes may come; an error once they cannot.
    private func needMore(_ what: String) throws(Diagnostic) -> Event? {
        if isFinal { throw failure("\(what) is not closed before the end of the part") }
        if buffer.count - position > 64 << 20 { throw failure("\(what) runs on for more than 64 MiB") }
        return nil
    }

    private func failure(_ message: String) -> Diagnostic {
        Diagnostic(.error, "part \(part) is not well-formed XML at byte \(consumed + position): \(message)", path: path)
    }

    /// Text up to the next `<`, or a piece of a long run of it.
    private mutating func scanText() throws(Diagnostic) -> String? {
        let start = position
        var end = max(start, textScanned)
        while end < buffer.count, buffer[end] != 0x3C { end += 1 }
        if end == buffer.count, !isFinal {
            guard end - start > Self.maxPendingText else {
                textScanned = end
                return nil
            }
            // Cut before any entity or UTF-8 sequence that may continue in the next chunk.
            var cut = end
            if let amp = buffer[max(start, end - 12)..<end].lastIndex(of: 0x26) { cut = amp }
            while cut > start, buffer[cut - 1] & 0x80 != 0 { cut -= 1 }
            if cut == start { cut = end }
            end = cut
        }
        position = end
        return try decode(start..<end)
    }

    /// Decodes entities and character references in `range`.
    private func decode(_ range: Range<Int>) throws(Diagnostic) -> String {
        guard buffer[range].contains(0x26) else { return String(decoding: buffer[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let c = buffer[i]
            guard c == 0x26 else {
                out.append(c)
                i += 1
                continue
            }
            var semicolon = i + 1
            while semicolon < range.upperBound, semicolon - i <= 12, buffer[semicolon] != 0x3B { semicolon += 1 }
            guard semicolon < range.upperBound, buffer[semicolon] == 0x3B else {
                // A bare `&` is not XML, but losing the text over it helps nobody.
                out.append(c)
                i += 1
                continue
            }
            let name = buffer[(i + 1)..<semicolon]
            switch Array(name) {
            case Array("lt".utf8): out.append(0x3C)
            case Array("gt".utf8): out.append(0x3E)
            case Array("amp".utf8): out.append(0x26)
            case Array("quot".utf8): out.append(0x22)
            case Array("apos".utf8): out.append(0x27)
            default:
                guard name.first == 0x23, let scalar = Self.characterReference(Array(name.dropFirst())) else {
                    out.append(contentsOf: buffer[i...semicolon])
                    i = semicolon + 1
                    continue
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character of `#65` or `#x41` (without the `#`), if it is a valid one.
    private static func characterReference(_ digits: [UInt8]) -> Unicode.Scalar? {
        var value: UInt32 = 0
        var hex = false
        var rest = digits[...]
        if rest.first == 0x78 || rest.first == 0x58 {
            hex = true
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty, rest.count <= 8 else { return nil }
        for d in rest {
            switch d {
            case 0x30...0x39: value = value * (hex ? 16 : 10) + UInt32(d - 0x30)
            case 0x61...0x66 where hex: value = value * 16 + UInt32(d - 0x61 + 10)
            case 0x41...0x46 where hex: value = value * 16 + UInt32(d - 0x41 + 10)
            default: return nil
            }
        }
        return Unicode.Scalar(value)
    }

    /// Reads the tag in `range` (from `<` to `>`).
    private func tag(_ range: Range<Int>) throws(Diagnostic) -> Event {
        var i = range.lowerBound + 1
        let end = range.upperBound - 1
        if buffer[i] == 0x2F {
            i += 1
            let nameStart = i
            while i < end, !Self.isSpace(buffer[i]) { i += 1 }
            guard i > nameStart else { throw failure("an end tag without a name") }
            return .end(name: String(decoding: buffer[nameStart..<i], as: UTF8.self))
        }
        var last = end
        let selfClosing = buffer[end - 1] == 0x2F && end - 1 > range.lowerBound
        if selfClosing { last = end - 1 }
        let nameStart = i
        while i < last, !Self.isSpace(buffer[i]) { i += 1 }
        guard i > nameStart else { throw failure("a tag without a name") }
        let name = String(decoding: buffer[nameStart..<i], as: UTF8.self)
        var attributes: [(name: String, value: String)] = []
        while true {
            while i < last, Self.isSpace(buffer[i]) { i += 1 }
            if i >= last { break }
            let attributeStart = i
            while i < last, buffer[i] != 0x3D, !Self.isSpace(buffer[i]) { i += 1 }
            let attributeName = String(decoding: buffer[attributeStart..<i], as: UTF8.self)
            while i < last, Self.isSpace(buffer[i]) { i += 1 }
            guard i < last, buffer[i] == 0x3D else { throw failure("attribute '\(attributeName)' of <\(name)> has no value") }
            i += 1
            while i < last, Self.isSpace(buffer[i]) { i += 1 }
            guard i < last, buffer[i] == 0x22 || buffer[i] == 0x27 else { throw failure("the value of attribute '\(attributeName)' is not quoted") }
            let quote = buffer[i]
            i += 1
            let valueStart = i
            while i < last, buffer[i] != quote { i += 1 }
            guard i < last else { throw failure("the value of attribute '\(attributeName)' is not closed") }
            attributes.append((attributeName, try decode(valueStart..<i)))
            i += 1
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// The `>` that ends a tag opened before `from`, outside quoted attribute values.
    private mutating func tagEnd(from: Int) -> Int? { markupEnd(from: from, brackets: false) }

    /// The `>` that ends a `<!…>` declaration, past any internal subset in brackets.
    private mutating func declarationEnd(from: Int) -> Int? { markupEnd(from: from, brackets: true) }

    /// The `>` that ends markup opened before `from`, outside quoted values and, with
    /// `brackets`, outside `[…]`; where the search stopped is kept for the next window.
    private mutating func markupEnd(from: Int, brackets: Bool) -> Int? {
        var depth = markup.depth
        var quote = markup.quote
        var i = max(from, position + markup.offset)
        defer { markup = Progress(offset: i - position, quote: quote, depth: depth) }
        while i < buffer.count {
            let c = buffer[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if brackets, c == 0x5B {
                depth += 1
            } else if brackets, c == 0x5D {
                depth -= 1
            } else if c == 0x3E, depth <= 0 {
                return i
            }
            i += 1
        }
        return nil
    }

    private func starts(with text: StaticString, at i: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard i + count <= buffer.count else {
            // Not enough bytes to tell: only a prefix that matches so far may still be it.
            return false
        }
        let p = text.utf8Start
        for k in 0..<count where buffer[i + k] != p[k] { return false }
        return true
    }

    private mutating func find(_ text: StaticString, from: Int) -> Int? {
        let count = text.utf8CodeUnitCount
        let p = text.utf8Start
        var i = max(from, position + markup.offset)
        defer { markup.offset = i - position }
        while i + count <= buffer.count {
            if buffer[i] == p[0] {
                var k = 1
                while k < count, buffer[i + k] == p[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}

extension String {
    /// The name without its namespace prefix: `x:row` → `row`.
    var localName: Substring {
        // By bytes: looking for a Character would break the name into graphemes.
        guard let colon = utf8.firstIndex(of: 0x3A) else { return self[...] }
        return self[utf8.index(after: colon)...]
    }
}
