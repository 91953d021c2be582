/// Text made safe for XML 1.0: markup characters escaped, and characters XML cannot hold at
/// all (most control characters) replaced by U+FFFD.
package enum XMLText {
    package static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            default:
                let v = c.value
                if v < 0x20 || (v >= 0x7F && v <= 0x84) || (v >= 0x86 && v <= 0x9F) || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}

/// Text made safe inside a Markdown table cell or line: no line breaks, markup escaped.
package enum MarkdownText {
    package static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\n", "\r": out += " "
            case "|", "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
