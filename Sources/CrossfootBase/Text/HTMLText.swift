/// The bits of HTML that survive in text extracted from PDFs and web pages.
public enum HTMLText {
    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&nbsp;` and numeric references.
    public static func decodeEntities(_ text: String) -> String {
        guard text.utf8.containsByte(0x26) else { return text }  // `&`, looked for byte by byte
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = after[after.index(after: amp)..<semicolon]
            if let decoded = entity(name) {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        result += rest
        return result
    }

    private static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{00A0}"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// The text with HTML tags such as `<b>` and `</b>` removed.
    public static func stripTags(_ text: String) -> String {
        guard text.utf8.containsByte(0x3C) else { return text }  // `<`
        var result = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "<", let close = tagEnd(text, from: i) {
                i = text.index(after: close)
            } else {
                result.append(text[i])
                i = text.index(after: i)
            }
        }
        return result
    }

    /// The index of the `>` closing a tag that starts at `start`, if `start` opens a tag.
    package static func tagEnd(_ text: String, from start: String.Index) -> String.Index? {
        let next = text.index(after: start)
        guard next < text.endIndex else { return nil }
        let c = text[next]
        guard c == "/" || (c.isASCII && c.isLetter) else { return nil }
        var i = next
        var length = 0
        while i < text.endIndex, length < 40 {
            if text[i] == ">" { return i }
            if text[i] == "<" { return nil }
            i = text.index(after: i)
            length += 1
        }
        return nil
    }
}
