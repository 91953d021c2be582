import CrossfootBase
import CrossfootRules

/// One column of a table, stored column-wise with no object per cell.
///
/// Each cell is a kind byte plus an 8-byte payload: the significand of a number (with a 1-byte
/// decimal exponent beside it), the id of a string in the column's pool, or — for text read
/// straight from a CSV file — the offset and length of its bytes in `raw`, so millions of text
/// cells cost no allocation. Numbers too large for that form are kept in a small side table.
///
/// A column no rule reads can be left unloaded: its cells are found again from the file when a
/// finding shows its row.
public struct Column: Sendable {
    public let name: String
    public private(set) var kinds: [CellKind] = []
    /// Significand of a number cell, pool id of a text cell, or packed span of a raw-text cell.
    public private(set) var payloads: [Int64] = []
    /// Decimal exponent of a number cell.
    public private(set) var exponents: [Int8] = []
    public private(set) var pool = StringPool()
    /// Numbers whose significand or exponent does not fit the compact form, by row.
    public private(set) var wide: [Int: Number] = [:]
    /// The bytes raw-text cells point into (shared with the file window, not copied).
    public private(set) var raw: [UInt8] = []
    /// Whether the cells were read; an unloaded column has no cells of its own.
    public let isLoaded: Bool

    public init(name: String, loaded: Bool = true) {
        self.name = name
        self.isLoaded = loaded
    }

    /// A column whose raw-text cells point into `raw`.
    public init(name: String, raw: [UInt8]) {
        self.name = name
        self.raw = raw
        self.isLoaded = true
    }

    /// A column from cells built elsewhere (the CSV reader's buffers).
    package init(name: String, kinds: [CellKind], payloads: [Int64], exponents: [Int8], pool: StringPool, wide: [Int: Number], raw: [UInt8]) {
        self.name = name
        self.kinds = kinds
        self.payloads = payloads
        self.exponents = exponents
        self.pool = pool
        self.wide = wide
        self.raw = raw
        self.isLoaded = true
    }

    @inlinable
    public var count: Int { kinds.count }

    /// The cells of the given rows, in that order: the same texts (the pool and raw bytes are
    /// shared), nothing parsed again.
    package func selecting(_ rows: [Int32]) -> Column {
        guard isLoaded else { return Column(name: name, loaded: false) }
        var picked: [Int: Number] = [:]
        if !wide.isEmpty {
            for (i, row) in rows.enumerated() { if let w = wide[Int(row)] { picked[i] = w } }
        }
        return Column(
            name: name, kinds: rows.map { kinds[Int($0)] }, payloads: rows.map { payloads[Int($0)] }, exponents: rows.map { exponents[Int($0)] },
            pool: pool, wide: picked, raw: raw)
    }

    public mutating func reserveCapacity(_ n: Int) {
        kinds.reserveCapacity(n)
        payloads.reserveCapacity(n)
        exponents.reserveCapacity(n)
    }

    @inline(__always)
    public mutating func appendMissing() {
        kinds.append(.missing)
        payloads.append(0)
        exponents.append(0)
    }

    public mutating func appendText(_ text: String) {
        kinds.append(.text)
        payloads.append(Int64(pool.intern(text)))
        exponents.append(0)
    }

    @inline(__always)
    public mutating func appendNumber(_ number: Number, percent: Bool) {
        kinds.append(percent ? .percent : .number)
        if let small = Int64(exactly: number.significand), let exponent = Int8(exactly: number.exponent) {
            payloads.append(small)
            exponents.append(exponent)
        } else {
            wide[kinds.count - 1] = number
            payloads.append(0)
            exponents.append(0)
        }
    }

    /// Removes the last cell (a record cut off by the end of a window).
    public mutating func removeLast() {
        kinds.removeLast()
        payloads.removeLast()
        exponents.removeLast()
        wide[kinds.count] = nil
    }

    /// Appends a parsed cell; `text` is called only for text cells.
    public mutating func append(_ parsed: ParsedCell, text: () -> String) {
        switch parsed {
        case .missing: appendMissing()
        case .number(let n, let percent): appendNumber(n, percent: percent)
        case .text: appendText(text())
        }
    }

    public mutating func append(_ value: CellValue) {
        switch value {
        case .missing: appendMissing()
        case .number(let n, let percent): appendNumber(n, percent: percent)
        case .text(let s): appendText(s)
        }
    }

    /// The number in row `row`, or `nil` when the cell is not a number.
    @inline(__always)
    @inlinable
    public func number(at row: Int) -> Number? {
        guard kinds[row].isNumber else { return nil }
        if !wide.isEmpty, let w = wide[row] { return w }
        return Number(significand: Int128(payloads[row]), exponent: Int32(exponents[row]))
    }

    /// The byte range of a raw-text cell in `raw`.
    @inline(__always)
    @inlinable
    package func rawRange(_ row: Int) -> Range<Int> {
        let packed = payloads[row]
        let offset = Int(packed >> 24)
        return offset..<(offset + Int(packed & 0xFF_FFFF))
    }

    /// The text in row `row`, or `nil` when the cell is not text.
    @inlinable
    public func text(at row: Int) -> String? {
        switch kinds[row] {
        case .text: return pool[Int32(truncatingIfNeeded: payloads[row])]
        case .rawText: return String(decoding: raw[rawRange(row)], as: UTF8.self)
        default: return nil
        }
    }

    /// Whether row `row` holds exactly the text whose UTF-8 bytes are `bytes`, without making a `String`.
    @inline(__always)
    @inlinable
    public func textEquals(_ row: Int, _ bytes: [UInt8]) -> Bool {
        switch kinds[row] {
        case .rawText:
            let r = rawRange(row)
            guard r.count == bytes.count else { return false }
            return raw.withUnsafeBufferPointer { b in
                bytes.withUnsafeBufferPointer { t in
                    var i = 0
                    while i < t.count {
                        if b[r.lowerBound + i] != t[i] { return false }
                        i += 1
                    }
                    return true
                }
            }
        case .text:
            return Array(pool[Int32(truncatingIfNeeded: payloads[row])].utf8) == bytes
        default:
            return false
        }
    }

    @inlinable
    public func value(at row: Int) -> CellValue {
        switch kinds[row] {
        case .missing: return .missing
        case .number, .percent:
            return number(at: row).map { .number($0, percent: kinds[row] == .percent) } ?? .missing
        case .text, .rawText: return .text(text(at: row) ?? "")
        }
    }
}
