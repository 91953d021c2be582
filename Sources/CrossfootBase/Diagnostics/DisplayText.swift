/// Text from the data made safe to print: control characters written as escapes (`\r`,
/// `\u{1B}`), so a cell, a header or a file name cannot move the cursor, colour or rewrite a
/// terminal or a CI log, or reorder the text around it (bidirectional overrides).
///
/// Every finding, note and diagnostic message passes through it when it is made, so every
/// format shows the same words and none can be abused; a message keeps its own line breaks and
/// tabs (a rule's message template may hold them), a quoted cell does not.
package enum DisplayText {
    package static func escaped(_ text: String, keepingLineBreaksAndTabs: Bool = false) -> String {
        let keep = keepingLineBreaksAndTabs
        guard text.unicodeScalars.contains(where: { isControl($0) && !(keep && ($0 == "\n" || $0 == "\t")) }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where keep, "\t" where keep: escaped.unicodeScalars.append(scalar)
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where isControl(scalar): escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
