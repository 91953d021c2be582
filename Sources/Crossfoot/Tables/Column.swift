/// One column of a table, stored column-wise with no object per cell.
///
/// Each cell is a kind byte plus an 8-byte payload: the significand of a number (with a 1-byte
/// decimal exponent beside it) or the id of a string in the column's pool. Numbers too large for
/// that form are kept in a small side table.
public struct Column: Sendable {
    public let name: String
    public private(set) var kinds: [CellKind] = []
    /// Significand of a number cell, or pool id of a text cell.
    public private(set) var payloads: [Int64] = []
    /// Decimal exponent of a number cell.
    public private(set) var exponents: [Int8] = []
    public private(set) var pool = StringPool()
    /// Numbers whose significand or exponent does not fit the compact form, by row.
    public private(set) var wide: [Int: Number] = [:]

    public init(name: String) {
        self.name = name
    }

    public var count: Int { kinds.count }

    public mutating func reserveCapacity(_ n: Int) {
        kinds.reserveCapacity(n)
        payloads.reserveCapacity(n)
        exponents.reserveCapacity(n)
    }

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
    public func number(at row: Int) -> Number? {
        switch kinds[row] {
        case .number, .percent:
            if let w = wide[row] { return w }
            return Number(significand: Int128(payloads[row]), exponent: Int32(exponents[row]))
        default:
            return nil
        }
    }

    /// The text in row `row`, or `nil` when the cell is not text.
    public func text(at row: Int) -> String? {
        kinds[row] == .text ? pool[Int32(truncatingIfNeeded: payloads[row])] : nil
    }

    public func value(at row: Int) -> CellValue {
        switch kinds[row] {
        case .missing: return .missing
        case .number, .percent:
            return number(at: row).map { .number($0, percent: kinds[row] == .percent) } ?? .missing
        case .text: return .text(pool[Int32(truncatingIfNeeded: payloads[row])])
        }
    }
}
