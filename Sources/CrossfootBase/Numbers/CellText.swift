/// What one cell's text means: nothing, a number (perhaps a percentage), or text.
public enum ParsedCell: Sendable, Equatable {
    case missing
    case number(Number, percent: Bool)
    case text
}

/// Reads cell values from bytes, without Foundation and without making a `String`.
///
/// Accepted numbers: `12`, `-3.5`, `+7`, `2,240` (thousands separators in groups of three),
/// `1e6`, `93.78%` (a percentage, kept in percent units: 93.78), `(1,234)` (an accounting
/// negative, −1234), `−5` (U+2212 minus). Leading and trailing spaces, tabs and no-break spaces
/// are ignored. Everything else that is not empty — `NaN`, `Infinity`, `12.5.3`, `1,2,3`, `%` —
/// is text.
public enum CellText {
    public static func parse(_ text: String) -> ParsedCell {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedCell {
        var start = 0
        var end = bytes.count
        trim(bytes, &start, &end)
        if start == end { return .missing }
        return parseTrimmed(bytes, start, end)
    }

    /// Narrows `start..<end` past ASCII white space and U+00A0 no-break spaces on both sides.
    @inline(__always)
    @inlinable
    public static func trim(_ b: UnsafeBufferPointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end {
            let c = b[start]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                start += 1
                continue
            }
            if c == 0xC2, start + 1 < end, b[start + 1] == 0xA0 {
                start += 2
                continue
            }
            break
        }
        while end > start {
            let c = b[end - 1]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                end -= 1
                continue
            }
            if c == 0xA0, end - 2 >= start, b[end - 2] == 0xC2 {
                end -= 2
                continue
            }
            break
        }
    }

    @inline(__always)
    @inlinable
    package static func parseTrimmed(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> ParsedCell {
        var i = s
        var end = e
        var percent = false
        var negative = false
        var parenthesized = false
        if b[end - 1] == 0x25 {  // %
            percent = true
            end -= 1
            while end > i, b[end - 1] == 0x20 { end -= 1 }
            if end == i { return .text }
        }
        if b[i] == 0x28 {  // ( … ) accounting negative
            guard end - i >= 3, b[end - 1] == 0x29 else { return .text }
            parenthesized = true
            negative = true
            i += 1
            end -= 1
        }
        if b[i] == 0x2D || b[i] == 0x2B {  // - +
            if parenthesized { return .text }
            negative = b[i] == 0x2D
            i += 1
        } else if b[i] == 0xE2, i + 2 < end, b[i + 1] == 0x88, b[i + 2] == 0x92 {  // U+2212 minus
            if parenthesized { return .text }
            negative = true
            i += 3
        }
        if i >= end { return .text }
        var significand: UInt64 = 0
        var wide: Int128 = 0
        var isWide = false
        var digits = 0
        var exponent = 0
        var integerDigits = 0
        var groupDigits = -1  // digits since the last comma; -1 before any comma
        var sawDigit = false
        // Integer part with optional thousands separators.
        while i < end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                accumulate(c, &significand, &wide, &isWide, &digits, &exponent)
                integerDigits += 1
                if groupDigits >= 0 { groupDigits += 1 }
                sawDigit = true
                i += 1
            } else if c == 0x2C {  // ,
                if !sawDigit { return .text }
                if groupDigits == -1 {
                    if integerDigits > 3 { return .text }
                } else if groupDigits != 3 {
                    return .text
                }
                groupDigits = 0
                i += 1
            } else {
                break
            }
        }
        if groupDigits != -1 && groupDigits != 3 { return .text }
        if i < end, b[i] == 0x2E {  // .
            i += 1
            var fractionDigits = 0
            while i < end, b[i] >= 0x30, b[i] <= 0x39 {
                accumulate(b[i], &significand, &wide, &isWide, &digits, &exponent)
                exponent -= 1
                fractionDigits += 1
                i += 1
            }
            if fractionDigits == 0 && !sawDigit { return .text }
            sawDigit = sawDigit || fractionDigits > 0
        }
        if !sawDigit { return .text }
        if i < end, b[i] == 0x65 || b[i] == 0x45 {  // e E
            if groupDigits != -1 { return .text }
            i += 1
            var expNegative = false
            if i < end, b[i] == 0x2D || b[i] == 0x2B {
                expNegative = b[i] == 0x2D
                i += 1
            }
            var value = 0
            var expDigits = 0
            while i < end, b[i] >= 0x30, b[i] <= 0x39 {
                if value < 100_000_000 { value = value * 10 + Int(b[i] - 0x30) }
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return .text }
            exponent += expNegative ? -value : value
        }
        if i != end { return .text }
        guard exponent >= Int(Int32.min / 2), exponent <= Int(Int32.max / 2) else { return .text }
        var magnitude: Int128 = isWide ? wide : Int128(significand)
        if negative { magnitude = -magnitude }
        return .number(Number(significand: magnitude, exponent: Int32(exponent)), percent: percent)
    }

    @inline(__always)
    @inlinable
    static func accumulate(
        _ c: UInt8, _ significand: inout UInt64, _ wide: inout Int128, _ isWide: inout Bool, _ digits: inout Int, _ exponent: inout Int
    ) {
        let d = UInt64(c - 0x30)
        if !isWide {
            if significand < 1_000_000_000_000_000_000 {
                significand = significand * 10 + d
                if significand != 0 { digits += 1 }
                return
            }
            isWide = true
            wide = Int128(significand)
        }
        if wide < Number.limit / 10 {
            wide = wide * 10 + Int128(d)
        } else {
            // Beyond 37 digits: keep the magnitude, drop the digit.
            exponent += 1
        }
    }
}

extension CellText {
    /// The fast path for the plain decimals of data files (`65.31`, `-3`, `100.00%`, up to 18
    /// digits): significand, exponent and percent flag, or `nil` for anything else, which then
    /// goes through `parseTrimmed`. The bytes must be trimmed and non-empty.
    @inline(__always)
    @inlinable
    package static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (significand: Int64, exponent: Int8, percent: Bool)? {
        var i = s
        var end = e
        var percent = false
        if b[end - 1] == 0x25 {
            percent = true
            end -= 1
            if end == i { return nil }
        }
        var negative = false
        if b[i] == 0x2D {
            negative = true
            i += 1
        }
        if i >= end || end - i > 19 { return nil }
        var value: Int64 = 0
        var exponent = 0
        var sawDot = false
        var digits = 0
        while i < end {
            let c = b[i]
            if c &- 0x30 < 10 {
                value = value &* 10 &+ Int64(c &- 0x30)
                digits += 1
                if sawDot { exponent -= 1 }
            } else if c == 0x2E, !sawDot {
                sawDot = true
            } else {
                return nil
            }
            i += 1
        }
        if digits == 0 || digits > 18 { return nil }
        return (negative ? -value : value, Int8(exponent), percent)
    }
}
