/// Writes JSON by hand into a byte buffer, so key order and number formatting are fixed, output
/// is byte-stable, and a hundred thousand findings serialise in milliseconds.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var indent = 0
    private var needsComma: [Bool] = [false]
    let pretty: Bool

    /// A line break and the indentation of each level, made once per writer.
    private let breaks: [[UInt8]]
    private let colon: [UInt8]

    init(pretty: Bool = true) {
        self.pretty = pretty
        breaks = (0..<16).map { [0x0A] + Array(repeating: 0x20, count: $0 * 2) }
        colon = pretty ? [0x3A, 0x20] : [0x3A]
        bytes.reserveCapacity(1 << 16)
    }

    /// A writer for items inside an array that is already `indent` levels deep, as if one
    /// item had already been written when `afterItem` is set (so the first item gets a comma).
    init(continuingAt indent: Int, afterItem: Bool) {
        self.init(pretty: true)
        self.indent = indent
        needsComma = [afterItem]
    }

    /// How deep the writer is.
    var depth: Int { indent }

    /// Appends items written by other writers (`init(continuingAt:afterItem:)`) at this level.
    mutating func append(parts: [[UInt8]]) {
        for part in parts where !part.isEmpty {
            bytes.append(contentsOf: part)
            needsComma[needsComma.count - 1] = true
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes as a file holds them: ending with a line break.
    var document: [UInt8] { bytes + [0x0A] }

    static func quote(_ s: String) -> String {
        var w = JSONWriter(pretty: false)
        w.appendQuoted(s)
        return w.text
    }


    /// Whether eight bytes are all printable ASCII other than `"` and `\`: nothing to escape.
    /// (Tests may answer no for a plain word, never yes for one that needs care.)
    @inline(__always)
    private static func plain(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (w &- 0x2020_2020_2020_2020) & ~w & highs
        let from7F = (w | (w &+ ones)) & highs
        let x22 = w ^ 0x2222_2222_2222_2222, x5C = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let quote = (x22 &- ones) & ~x22 & highs
        let backslash = (x5C &- ones) & ~x5C & highs
        return below20 | from7F | quote | backslash == 0
    }

    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }

    /// `s` as a JSON string literal: bytes copied as they are, escapes where needed (control
    /// characters, and U+2028/U+2029, which are valid JSON but end a line in JavaScript).
    mutating func appendQuoted(_ s: String) {
        bytes.append(0x22)
        var copy = s
        copy.withUTF8 { utf8 in
            var i = 0
            var run = 0
            let n = utf8.count
            let base = utf8.baseAddress
            while i < n {
                // Eight plain ASCII bytes at a time (most of a report).
                if let base, i + 8 <= n, Self.plain(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = utf8[i]
                let special = b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F
                    || (b == 0xE2 && i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9))
                if !special {
                    i += 1
                    continue
                }
                if run < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i])) }
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0xE2:
                    bytes.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, utf8[i + 2] == 0xA8 ? 0x38 : 0x39])
                    i += 2
                default:
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hexDigit(b >> 4), Self.hexDigit(b & 0xF)])
                }
                i += 1
                run = i
            }
            if run < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<n])) }
        }
        bytes.append(0x22)
    }

    private mutating func newline() {
        if pretty {
            bytes.append(contentsOf: breaks[min(indent, breaks.count - 1)])
        }
    }

    private mutating func prefix(key: String?) {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
        if indent > 0 { newline() }
        if let key {
            appendQuoted(key)
            bytes.append(contentsOf: colon)
        }
    }

    mutating func open(_ bracket: String, key: String? = nil) {
        prefix(key: key)
        bytes += Array(bracket.utf8)
        indent += 1
        needsComma.append(false)
    }

    mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if hadItems { newline() }
        bytes += Array(bracket.utf8)
    }

    /// A raw JSON token (number, true, false, null).
    mutating func raw(_ token: String, key: String? = nil) {
        prefix(key: key)
        var copy = token
        copy.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String, key: String? = nil) {
        prefix(key: key)
        appendQuoted(s)
    }

    mutating func int(_ n: Int, key: String? = nil) { raw(String(n), key: key) }
    mutating func null(key: String? = nil) { raw("null", key: key) }

    /// A number exactly as the decimal it is: `0.06`, `6409690`, `1e+309`.
    mutating func number(_ n: Number, key: String? = nil) {
        var s = n.normalized.description
        if s.hasPrefix("-0"), n.isZero { s = "0" }
        raw(s, key: key)
    }
}
