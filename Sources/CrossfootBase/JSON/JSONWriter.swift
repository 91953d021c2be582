/// The key of a JSON object member. Keys written in the source (`"rule"`) are plain ASCII and go
/// out as they are; keys made at run time (a column's name) are escaped like any string.
package struct JSONKey: ExpressibleByStringLiteral {
    fileprivate let literal: StaticString?
    fileprivate let text: String

    package init(stringLiteral value: StaticString) {
        literal = value
        text = ""
    }

    package init(_ text: String) {
        literal = nil
        self.text = text
    }
}

/// Writes JSON by hand into a byte buffer, so key order and number formatting are fixed, output
/// is byte-stable, and a hundred thousand findings serialise in milliseconds. The buffer is the
/// writer's own memory (not an array), so writing a byte is a store, not a uniqueness check;
/// that is also why a writer cannot be copied.
package struct JSONWriter: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var indent = 0
    /// Whether the innermost open object or array has an item (the next one needs a comma), and
    /// the same for each enclosing level.
    private var hasItem = false
    private var enclosing: [Bool] = []
    package let pretty: Bool

    package init(pretty: Bool = true) {
        self.pretty = pretty
        // Small to start (one finding of a JSON Lines report is a writer of its own); doubled as needed.
        capacity = 4_096
        storage = .allocate(capacity: capacity)
        enclosing.reserveCapacity(8)
    }

    deinit { storage.deallocate() }

    /// A writer for items inside an array that is already `indent` levels deep, as if one
    /// item had already been written when `afterItem` is set (so the first item gets a comma);
    /// its bytes go between the pieces of another writer (`takeBytes`, `itemsWritten`).
    package init(continuingAt indent: Int, afterItem: Bool) {
        self.init(pretty: true)
        self.indent = indent
        hasItem = afterItem
    }

    /// How deep the writer is.
    package var depth: Int { indent }

    /// What has been written.
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    package var text: String { String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self) }

    /// The bytes as a file holds them: ending with a line break.
    package var document: [UInt8] {
        Array(unsafeUninitializedCapacity: count + 1) { buffer, initialized in
            if let base = buffer.baseAddress {
                base.update(from: storage, count: count)
                base[count] = 0x0A
            }
            initialized = count + 1
        }
    }

    /// What has been written so far, handed over and cleared; the writer goes on where it was
    /// (its depth and commas), for a document written out in pieces.
    package mutating func takeBytes() -> [UInt8] {
        defer { count = 0 }
        return bytes
    }

    /// Items at this level were written by other writers and put between this writer's pieces.
    package mutating func itemsWritten(elsewhere: Bool) {
        if elsewhere { hasItem = true }
    }

    /// Room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity = size
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ a: UInt8, _ b: UInt8) {
        reserve(2)
        storage[count] = a
        storage[count + 1] = b
        count += 2
    }

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        (storage + count).update(from: base, count: buffer.count)
        count += buffer.count
    }

    package static func quote(_ s: String) -> String {
        var w = JSONWriter(pretty: false)
        w.appendQuoted(s)
        return w.text
    }

    /// Whether eight bytes are all printable ASCII other than `"` and `\`: nothing to escape.
    /// (Tests may answer no for a plain word, never yes for one that needs care.)
    @inline(__always)
    private static func plain(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (w &- 0x2020_2020_2020_2020) & ~w & highs
        let from7F = (w | (w &+ ones)) & highs
        let x22 = w ^ 0x2222_2222_2222_2222
        let x5C = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let quote = (x22 &- ones) & ~x22 & highs
        let backslash = (x5C &- ones) & ~x5C & highs
        return below20 | from7F | quote | backslash == 0
    }

    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }

    /// `s` as a JSON string literal: bytes copied as they are, escapes where needed (control
    /// characters, and U+2028/U+2029, which are valid JSON but end a line in JavaScript).
    package mutating func appendQuoted(_ s: String) {
        append(0x22)
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var copy = s
            copy.withUTF8 { appendEscaped($0) }
        }
        append(0x22)
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var i = 0
        var run = 0
        let n = utf8.count
        let base = utf8.baseAddress
        var tailChecked = false
        while i < n {
            // Eight plain ASCII bytes at a time (most of a report).
            if let base, i + 8 <= n, Self.plain(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            // The last few bytes, padded with plain ones, checked once.
            if let base, !tailChecked, i + 8 > n {
                tailChecked = true
                var word: UInt64 = 0x4141_4141_4141_4141
                withUnsafeMutableBytes(of: &word) { $0.baseAddress?.copyMemory(from: base + i, byteCount: n - i) }
                if Self.plain(word) {
                    i = n
                    break
                }
            }
            let b = utf8[i]
            let special =
                b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F
                || (b == 0xE2 && i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9))
            if !special {
                i += 1
                continue
            }
            if run < i { append(UnsafeBufferPointer(rebasing: utf8[run..<i])) }
            switch b {
            case 0x22: append(0x5C, 0x22)
            case 0x5C: append(0x5C, 0x5C)
            case 0x0A: append(0x5C, 0x6E)
            case 0x0D: append(0x5C, 0x72)
            case 0x09: append(0x5C, 0x74)
            case 0xE2:
                append(0x5C, 0x75)
                append(0x32, 0x30)
                append(0x32, utf8[i + 2] == 0xA8 ? 0x38 : 0x39)
                i += 2
            default:
                append(0x5C, 0x75)
                append(0x30, 0x30)
                append(Self.hexDigit(b >> 4), Self.hexDigit(b & 0xF))
            }
            i += 1
            run = i
        }
        if run < n { append(UnsafeBufferPointer(rebasing: utf8[run..<n])) }
    }

    private mutating func newline() {
        guard pretty else { return }
        let width = indent * 2
        reserve(1 + width)
        storage[count] = 0x0A
        (storage + count + 1).initialize(repeating: 0x20, count: width)
        count += 1 + width
    }

    private mutating func prefix(key: JSONKey?) {
        if hasItem { append(0x2C) }
        hasItem = true
        if indent > 0 { newline() }
        if let key {
            if let literal = key.literal {
                append(0x22)
                literal.withUTF8Buffer { append($0) }
                append(0x22)
            } else {
                appendQuoted(key.text)
            }
            if pretty { append(0x3A, 0x20) } else { append(0x3A) }
        }
    }

    /// Opens an object (`{`) or an array (`[`).
    package mutating func open(_ bracket: StaticString, key: JSONKey? = nil) {
        prefix(key: key)
        bracket.withUTF8Buffer { append($0) }
        indent += 1
        enclosing.append(hasItem)
        hasItem = false
    }

    /// Closes what the last `open` opened: `}` or `]`.
    package mutating func close(_ bracket: StaticString) {
        let hadItems = hasItem
        hasItem = enclosing.popLast() ?? true
        indent -= 1
        if hadItems { newline() }
        bracket.withUTF8Buffer { append($0) }
    }

    /// A raw JSON token (number, true, false, null).
    package mutating func raw(_ token: String, key: JSONKey? = nil) {
        prefix(key: key)
        if token.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            var copy = token
            copy.withUTF8 { append($0) }
        }
    }

    package mutating func string(_ s: String, key: JSONKey? = nil) {
        prefix(key: key)
        appendQuoted(s)
    }

    package mutating func int(_ n: Int, key: JSONKey? = nil) {
        prefix(key: key)
        if n < 0 { append(0x2D) }
        let m = n.magnitude
        var scale: UInt = 1
        var digits = 1
        while m / scale >= 10 {
            scale *= 10
            digits += 1
        }
        reserve(digits)
        while scale > 0 {
            storage[count] = 0x30 + UInt8(truncatingIfNeeded: (m / scale) % 10)
            count += 1
            scale /= 10
        }
    }

    package mutating func null(key: JSONKey? = nil) {
        prefix(key: key)
        append(0x6E, 0x75)
        append(0x6C, 0x6C)
    }

    /// A number exactly as the decimal it is: `0.06`, `6409690`, `1e+309` — the text of
    /// `Number.description`, written straight into the buffer when the digits fit in 64 bits.
    package mutating func number(_ n: Number, key: JSONKey? = nil) {
        let v = n.normalized
        guard let significand = Int64(exactly: v.significand), v.exponent >= -18, v.exponent <= 20 else {
            var s = v.description
            if s.hasPrefix("-0"), n.isZero { s = "0" }
            raw(s, key: key)
            return
        }
        prefix(key: key)
        if significand < 0 { append(0x2D) }
        // The digits, last first, then written in order with the point (or trailing zeros) placed.
        var m = significand.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var length = 0
        withUnsafeMutableBytes(of: &digits) { out in
            repeat {
                out[length] = 0x30 + UInt8(truncatingIfNeeded: m % 10)
                m /= 10
                length += 1
            } while m > 0
        }
        let decimals = max(0, -Int(v.exponent))
        reserve(length + decimals + 2 + max(0, Int(v.exponent)))
        withUnsafeBytes(of: &digits) { digit in
            if decimals >= length {
                append(0x30, 0x2E)
                for _ in 0..<(decimals - length) {
                    storage[count] = 0x30
                    count += 1
                }
                for i in stride(from: length - 1, through: 0, by: -1) {
                    storage[count] = digit[i]
                    count += 1
                }
                return
            }
            for i in stride(from: length - 1, through: 0, by: -1) {
                if i == decimals - 1 {
                    storage[count] = 0x2E
                    count += 1
                }
                storage[count] = digit[i]
                count += 1
            }
            for _ in 0..<max(0, Int(v.exponent)) {
                storage[count] = 0x30
                count += 1
            }
        }
    }
}
