/// Exact arithmetic on `significand × 10^exponent` pairs that fit 64 bits; `nil` when a result
/// would not fit, and the caller takes the exact 128-bit path.
@usableFromInline package enum Decimal64 {
    /// 10^k for k in 0...18.
    @inline(__always)
    @inlinable
    package static func power(_ k: Int) -> Int64 {
        switch k {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        case 9: 1_000_000_000
        case 10: 10_000_000_000
        case 11: 100_000_000_000
        case 12: 1_000_000_000_000
        case 13: 10_000_000_000_000
        case 14: 100_000_000_000_000
        case 15: 1_000_000_000_000_000
        case 16: 10_000_000_000_000_000
        case 17: 100_000_000_000_000_000
        default: 1_000_000_000_000_000_000
        }
    }

    /// The two significands scaled to the smaller exponent.
    @inline(__always)
    @inlinable
    package static func align(_ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8) -> (Int64, Int64, Int8)? {
        if ea == eb { return (a, b, ea) }
        if ea > eb {
            let d = Int(ea) - Int(eb)
            guard d <= 18 else { return nil }
            let (scaled, overflow) = a.multipliedReportingOverflow(by: power(d))
            return overflow ? nil : (scaled, b, eb)
        }
        let d = Int(eb) - Int(ea)
        guard d <= 18 else { return nil }
        let (scaled, overflow) = b.multipliedReportingOverflow(by: power(d))
        return overflow ? nil : (a, scaled, ea)
    }

    /// -1, 0 or 1.
    @inline(__always)
    @inlinable
    package static func compare(_ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8) -> Int? {
        guard let (x, y, _) = align(a, ea, b, eb) else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// `round(a × scale / b, decimals)`, half away from zero, exactly: `.some(nil)` when `b` is
    /// zero (a missing result), `nil` when the numbers are too large for this path.
    package static func roundedQuotient(_ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8, scale: (Int64, Int8), decimals: Int) -> (Int64, Int8)?? {
        if b == 0 { return .some(nil) }
        let (n, overflow) = a.multipliedReportingOverflow(by: scale.0)
        guard !overflow else { return nil }
        // a·s / b = n / b · 10^(ea + es − eb); scaled by 10^decimals to round to a whole number.
        let k = Int(ea) + Int(scale.1) - Int(eb) + decimals
        var numerator = Int128(n)
        var denominator = Int128(b)
        if k >= 0 {
            guard k <= 18 else { return nil }
            numerator *= Int128(power(k))
        } else {
            guard -k <= 18 else { return nil }
            denominator *= Int128(power(-k))
        }
        let q = Number.roundedDivide(numerator, by: denominator, direction: .nearest)
        guard let result = Int64(exactly: q) else { return nil }
        return .some((result, Int8(-decimals)))
    }

}
