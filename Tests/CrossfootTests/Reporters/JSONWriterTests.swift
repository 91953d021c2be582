import Testing
@testable import Crossfoot

/// JSON string escaping, which skips eight plain bytes at a time: every character that needs
/// care is escaped wherever it falls relative to those eight-byte steps.
@Suite("JSON strings") struct JSONWriterTests {
    /// The escaping, one character at a time.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test func everySpecialCharacterIsEscapedAtEveryOffset() {
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{1B}", "\u{7F}", "\u{0}", "\u{2028}", "\u{2029}", "é", "€", "😀", "\u{1F}"]
        for special in specials {
            for offset in 0..<20 {
                for length in [offset + 1, offset + 9, 24] where length > offset {
                    var text = String(repeating: "a", count: offset) + special
                    text += String(repeating: "b", count: max(0, length - offset - 1))
                    #expect(JSONWriter.quote(text) == Self.reference(text), "\(special.unicodeScalars.map(\.value)) at \(offset) of \(length)")
                }
            }
        }
        #expect(JSONWriter.quote("Kazakhstan MCO, \"IA1\": 100.00% ~ {x} [y]") == "\"Kazakhstan MCO, \\\"IA1\\\": 100.00% ~ {x} [y]\"")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
