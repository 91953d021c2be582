/// An exact decimal number: `significand × 10^exponent`.
///
/// Addition, subtraction and multiplication are exact while the result fits in 38 significant
/// digits (far beyond any money sum: ten million values near 10^9 with two decimals need 19).
/// Beyond that, digits far below the result's precision are rounded off. Division rounds to
/// 34 significant digits in a chosen direction, so interval bounds stay sound.
public struct Number: Sendable, Comparable, Hashable, CustomStringConvertible {
    public var significand: Int128
    public var exponent: Int32

    @inlinable
    public init(significand: Int128, exponent: Int32) {
        self.significand = significand
        self.exponent = exponent
    }

    public init(_ value: Int) {
        self.init(significand: Int128(value), exponent: 0)
    }

    public static let zero = Number(0)
    public static let one = Number(1)
    public static let hundred = Number(100)

    /// 10^k for k in 0...38, without the lazy-global check a `static let` costs on each use.
    @inline(__always)
    @inlinable
    package static func power(_ k: Int) -> Int128 {
        if k <= 18 { return Int128(Decimal64.power(k)) }
        let e18 = Int128(Decimal64.power(18))
        if k <= 36 { return e18 * Int128(Decimal64.power(k - 18)) }
        return e18 * e18 * Int128(Decimal64.power(k - 36))
    }

    /// The largest magnitude we keep before shedding digits: 10^37.
    @usableFromInline package static var limit: Int128 { 10_000_000_000_000_000_000_000_000_000_000_000_000 }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }
    public var magnitude: Number {
        Number(significand: significand.magnitude > Int128.max.magnitude ? Int128.max : Int128(significand.magnitude), exponent: exponent)
    }

    /// Half a unit of the last decimal this number was written with; whole numbers get 0.5.
    public var halfUnit: Number {
        Number(significand: 5, exponent: min(exponent, 0) - 1)
    }

    /// The number of digits after the decimal point it was written with.
    public var decimals: Int { max(0, -Int(exponent)) }

    /// The same value with trailing zeros of the significand removed (for hashing and printing).
    public var normalized: Number {
        var result = self
        if result.significand == 0 { return Number(significand: 0, exponent: 0) }
        while result.significand % 10 == 0 {
            result.significand /= 10
            result.exponent += 1
        }
        return result
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.exponent)
    }

    public static func == (a: Number, b: Number) -> Bool { compare(a, b) == 0 }
    public static func < (a: Number, b: Number) -> Bool { compare(a, b) < 0 }

    /// -1, 0 or 1.
    package static func compare(_ a: Number, _ b: Number) -> Int {
        if a.exponent == b.exponent {
            return a.significand == b.significand ? 0 : (a.significand < b.significand ? -1 : 1)
        }
        let sa = a.significand.signum()
        let sb = b.significand.signum()
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let difference = a - b
        return Int(difference.significand.signum())
    }

    /// Scales `a` and `b` to one exponent, shedding the low digits of the smaller one if the
    /// larger would not fit.
    package static func align(_ a: Number, _ b: Number) -> (Int128, Int128, Int32) {
        if a.exponent == b.exponent { return (a.significand, b.significand, a.exponent) }
        // Fast path: a small shift of a significand below 10^19 always fits.
        let gap = Int(a.exponent) - Int(b.exponent)
        if gap > 0, gap <= 18, a.significand.magnitude < 10_000_000_000_000_000_000 {
            return (a.significand * power(gap), b.significand, b.exponent)
        }
        if gap < 0, gap >= -18, b.significand.magnitude < 10_000_000_000_000_000_000 {
            return (a.significand, b.significand * power(-gap), a.exponent)
        }
        var (high, low) = a.exponent > b.exponent ? (a, b) : (b, a)
        var shift = Int(high.exponent) - Int(low.exponent)
        // Raise `high`'s significand as far as it fits.
        while shift > 0 {
            let mag = high.significand.magnitude
            if mag == 0 {
                high.exponent = low.exponent
                shift = 0
                break
            }
            if mag >= UInt128(limit / 10) { break }
            let step = min(shift, digitsOfHeadroom(mag))
            if step == 0 { break }
            high.significand *= power(step)
            high.exponent -= Int32(step)
            shift -= step
        }
        if shift > 0 {
            // Shed digits of `low`: they lie below 37 significant digits of `high`.
            low.significand = shift > 38 ? 0 : roundedDivide(low.significand, by: power(shift), direction: .nearest)
            low.exponent = high.exponent
        }
        return a.exponent > b.exponent ? (high.significand, low.significand, high.exponent) : (low.significand, high.significand, high.exponent)
    }

    private static func digitsOfHeadroom(_ mag: UInt128) -> Int {
        var digits = 0
        var m = mag
        let cap = UInt128(limit)
        while digits < 38, m * 10 < cap {
            m *= 10
            digits += 1
        }
        return digits
    }

    /// Keeps the significand within `limit`, rounding off low digits.
    package func fitted(_ direction: RoundingDirection = .nearest) -> Number {
        var result = self
        while result.significand.magnitude >= UInt128(Number.limit) {
            result.significand = Number.roundedDivide(result.significand, by: 10, direction: direction)
            result.exponent += 1
        }
        return result
    }

    public static func + (a: Number, b: Number) -> Number {
        let (x, y, e) = align(a, b)
        let (sum, overflow) = x.addingReportingOverflow(y)
        if overflow {
            return Number(significand: x / 10 + y / 10, exponent: e + 1)
        }
        return Number(significand: sum, exponent: e).fitted()
    }

    public static prefix func - (a: Number) -> Number {
        Number(significand: -a.significand, exponent: a.exponent)
    }

    public static func - (a: Number, b: Number) -> Number { a + (-b) }

    /// The largest exponent a number keeps, as cells are read (±2^30): a product or quotient
    /// beyond it saturates (or, far below 1, is zero) instead of overflowing.
    package static let maxExponent = Int(Int32.max / 2)

    package static func bounded(_ significand: Int128, exponent: Int) -> Number {
        if exponent > maxExponent { return Number(significand: significand, exponent: Int32(maxExponent)) }
        if exponent < -maxExponent { return .zero }
        return Number(significand: significand, exponent: Int32(exponent))
    }

    public static func * (a: Number, b: Number) -> Number {
        var x = a
        var y = b
        // Each factor below 10^19 keeps the product within Int128.
        let cap = Int128(10_000_000_000_000_000_000 as UInt128)
        while x.significand.magnitude >= UInt128(cap) {
            x.significand = roundedDivide(x.significand, by: 10, direction: .nearest)
            x.exponent += 1
        }
        while y.significand.magnitude >= UInt128(cap) {
            y.significand = roundedDivide(y.significand, by: 10, direction: .nearest)
            y.exponent += 1
        }
        return Number.bounded(x.significand * y.significand, exponent: Int(x.exponent) + Int(y.exponent)).fitted()
    }

    public enum RoundingDirection: Sendable {
        case nearest, down, up
    }

    /// `a / b`, rounded to about 34 significant digits in `direction` (down = toward −∞).
    ///
    /// - Returns: `nil` when `b` is zero.
    public static func divide(_ a: Number, _ b: Number, direction: RoundingDirection = .nearest) -> Number? {
        if b.significand == 0 { return nil }
        if a.significand == 0 { return .zero }
        var numerator = a.fitted()
        var denominator = b
        // Keep the denominator below 10^18 so the numerator can be raised to 10^36.
        while denominator.significand.magnitude >= 1_000_000_000_000_000_000 {
            denominator.significand = roundedDivide(denominator.significand, by: 10, direction: .nearest)
            denominator.exponent += 1
        }
        while numerator.significand.magnitude < UInt128(power(36)) {
            numerator.significand *= 10
            numerator.exponent -= 1
        }
        let q = roundedDivide(numerator.significand, by: denominator.significand, direction: direction)
        return Number.bounded(q, exponent: Int(numerator.exponent) - Int(denominator.exponent)).fitted(direction)
    }

    /// Integer division rounding toward −∞ (`down`), +∞ (`up`), or half away from zero.
    package static func roundedDivide(_ a: Int128, by b: Int128, direction: RoundingDirection) -> Int128 {
        let q = a / b
        let r = a % b
        if r == 0 { return q }
        let negative = (r < 0) != (b < 0)
        switch direction {
        case .down: return negative ? q - 1 : q
        case .up: return negative ? q : q + 1
        case .nearest:
            let twice = r.magnitude * 2
            if twice >= b.magnitude { return negative ? q - 1 : q + 1 }
            return q
        }
    }

    /// Rounds to `decimals` digits after the point, half away from zero (as spreadsheets do).
    public func rounded(toDecimals decimals: Int, direction: RoundingDirection = .nearest) -> Number {
        let target = Int32(clamping: decimals == Int.min ? Int.max : -decimals)
        if exponent >= target { return self }
        let shift = Int(target) - Int(exponent)
        if shift > 38 { return Number(significand: 0, exponent: target) }
        return Number(significand: Number.roundedDivide(significand, by: Number.power(shift), direction: direction), exponent: target)
    }

    public var doubleValue: Double {
        let s = Double(significand)
        if exponent >= 0 {
            return s * pow10(Int(exponent))
        }
        return s / pow10(-Int(exponent))
    }

    private func pow10(_ n: Int) -> Double {
        if n > 400 { return .infinity }
        var result = 1.0
        var base = 10.0
        var k = n
        while k > 0 {
            if k & 1 == 1 { result *= base }
            base *= base
            k >>= 1
        }
        return result
    }

    /// The plain decimal form, as few digits as needed: `6409689`, `93.78`, `-0.5`, `1e+309`.
    public var description: String {
        let n = normalized
        // Beyond 20 zeros before or after the digits, written with an exponent: 1e+309, 4e-3000.
        if n.exponent > 20 || -Int(n.exponent) > String(n.significand.magnitude).count + 20 { return n.scientific }
        return plain(decimals: max(0, -Int(exponent)), grouping: false)
    }

    /// The digits and the power of ten: `1e+309`, `4e-3000`.
    package var scientific: String {
        let n = normalized
        return "\(n.significand)e\(n.exponent < 0 ? "-" : "+")\(n.exponent.magnitude)"
    }

    /// The value with exactly `decimals` digits after the point (rounded half away from zero),
    /// with thousands separators when `grouping` is set: `6,409,689`, `93.78`.
    public func plain(decimals: Int, grouping: Bool) -> String {
        // Hundreds of decimals are no longer read as a number.
        if decimals > 400 { return scientific }
        var r = rounded(toDecimals: decimals)
        if decimals >= 0, decimals <= 38, r.exponent > Int32(-decimals), r.exponent <= 0 {
            // Pad with zeros: 0.5 shown with two decimals is 0.50.
            let shift = Int(r.exponent) + decimals
            if let padded = Int128(exactly: r.significand).flatMap({ s -> Int128? in
                let (value, overflow) = s.multipliedReportingOverflow(by: Number.power(shift))
                return overflow ? nil : value
            }) {
                r = Number(significand: padded, exponent: Int32(-decimals))
            }
        }
        var digits = String(r.significand.magnitude)
        var exp = Int(r.exponent)
        if exp > 0 {
            if exp > 400 { return r.significand == 0 ? "0" : r.scientific }
            digits += String(repeating: "0", count: exp)
            exp = 0
        }
        let fraction = -exp
        if digits.count <= fraction {
            digits = String(repeating: "0", count: fraction - digits.count + 1) + digits
        }
        let integerPart = digits.prefix(digits.count - fraction)
        let fractionPart = digits.suffix(fraction)
        var integerText = String(integerPart)
        if grouping, integerText.count > 3 {
            var grouped = ""
            for (i, c) in integerText.enumerated() {
                if i > 0, (integerText.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            integerText = grouped
        }
        let sign = r.significand < 0 ? "-" : ""
        return fraction > 0 ? "\(sign)\(integerText).\(fractionPart)" : "\(sign)\(integerText)"
    }
}
