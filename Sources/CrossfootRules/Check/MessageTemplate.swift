import CrossfootBase

/// `{placeholder}` templates for messages and row subjects.
///
/// A placeholder is a column name (`{country}`), a joined column (`{impact.final_budget}`), or,
/// in rule messages, one of `{column}`, `{value}`, `{expected}`, `{delta}`, `{subject}`. A width
/// after a colon shortens long text at a word boundary: `{indicator:48}`. `{{` and `}}` are
/// literal braces.
public enum MessageTemplate {
    public static let rulePlaceholders = ["column", "value", "expected", "delta", "subject"]

    public struct Placeholder: Sendable {
        public var name: String
        public var widthText: String?
        /// Code-point offset of the `{` in the template.
        public var offset: Int

        public var width: Int? { widthText.flatMap { Int($0) } }
    }

    public static func placeholders(in template: String) -> [Placeholder] {
        var result: [Placeholder] = []
        let chars = Array(template.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i] == "{" {
                if i + 1 < chars.count, chars[i + 1] == "{" {
                    i += 2
                    continue
                }
                var j = i + 1
                while j < chars.count, chars[j] != "}" { j += 1 }
                guard j < chars.count else { break }
                let inner = String(String.UnicodeScalarView(chars[(i + 1)..<j]))
                let parts = inner.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
                result.append(Placeholder(name: parts.first ?? "", widthText: parts.count > 1 ? parts[1] : nil, offset: i))
                i = j + 1
                continue
            }
            i += 1
        }
        return result
    }

    /// Fills the template; `value(name)` gives each placeholder's text (`nil` leaves it as written).
    public static func render(_ template: String, _ value: (String) -> String?) -> String {
        // Braces are ASCII: found by bytes, and the text between them copied in runs.
        let bytes = template.utf8
        var out = ""
        out.reserveCapacity(template.utf8.count + 32)
        var run = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            guard c == 0x7B || c == 0x7D else {
                i = bytes.index(after: i)
                continue
            }
            let next = bytes.index(after: i)
            if next < bytes.endIndex, bytes[next] == c {
                // `{{` and `}}` are a brace.
                out += template[run..<next]
                i = bytes.index(after: next)
                run = i
                continue
            }
            if c == 0x7B, let close = bytes[next...].firstIndex(of: 0x7D) {
                out += template[run..<i]
                let inner = String(template[next..<close])
                let parts = inner.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
                if let text = value(parts.first ?? "") {
                    out += parts.count > 1 ? shorten(text, to: Int(parts[1]) ?? Int.max) : text
                } else {
                    out += "{\(inner)}"
                }
                i = bytes.index(after: close)
                run = i
                continue
            }
            i = next
        }
        out += template[run..<bytes.endIndex]
        return out
    }

    /// `text` cut to at most `width` characters at a word boundary, with "…" when cut.
    public static func shorten(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        var result = ""
        var length = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let added = word.count + (result.isEmpty ? 0 : 1)
            if length + added > width { break }
            if !result.isEmpty { result += " " }
            result += word
            length += added
        }
        if result.isEmpty { result = String(text.prefix(width)) }
        while result.hasSuffix(",") || result.hasSuffix(";") || result.hasSuffix(":") || result.hasSuffix(" ") { result.removeLast() }
        return result + "…"
    }
}
