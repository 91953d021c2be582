/// Writes JSON by hand, so key order and number formatting are fixed and output is byte-stable.
struct JSONWriter {
    private(set) var text = ""
    private var indent = 0
    private var needsComma: [Bool] = [false]
    let pretty: Bool

    init(pretty: Bool = true) {
        self.pretty = pretty
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func newline() {
        if pretty {
            text += "\n" + String(repeating: "  ", count: indent)
        }
    }

    private mutating func prefix(key: String?) {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if indent > 0 { newline() }
        if let key { text += JSONWriter.quote(key) + (pretty ? ": " : ":") }
    }

    mutating func open(_ bracket: String, key: String? = nil) {
        prefix(key: key)
        text += bracket
        indent += 1
        needsComma.append(false)
    }

    mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if hadItems { newline() }
        text += bracket
    }

    /// A raw JSON token (number, true, false, null, or an already quoted string).
    mutating func raw(_ token: String, key: String? = nil) {
        prefix(key: key)
        text += token
    }

    mutating func string(_ s: String, key: String? = nil) { raw(JSONWriter.quote(s), key: key) }
    mutating func int(_ n: Int, key: String? = nil) { raw(String(n), key: key) }
    mutating func null(key: String? = nil) { raw("null", key: key) }

    /// A number exactly as the decimal it is: `0.06`, `6409690`, `1e+309`.
    mutating func number(_ n: Number, key: String? = nil) {
        var s = n.normalized.description
        if s.hasPrefix("-0"), n.isZero { s = "0" }
        raw(s, key: key)
    }
}
