/// A closed range of numbers, used for rounding-aware checks.
///
/// A value written as `93.78` may stand for anything in [93.775, 93.785]; arithmetic on
/// intervals gives every result that some choice of such values could produce, and a check
/// under `tolerance: rounding` fails only when no choice satisfies it.
public struct Interval: Sendable, Hashable, CustomStringConvertible {
    public var lo: Number
    public var hi: Number

    public init(_ value: Number) {
        lo = value
        hi = value
    }

    public init(lo: Number, hi: Number) {
        self.lo = lo
        self.hi = hi
    }

    /// The value as written, widened by half a unit of its last decimal.
    public static func written(_ value: Number) -> Interval {
        let h = value.halfUnit
        return Interval(lo: value - h, hi: value + h)
    }

    public var isPoint: Bool { lo == hi }
    /// The midpoint, used when one number must be shown.
    public var mid: Number {
        if isPoint { return lo }
        return Number.divide(lo + hi, Number(2)) ?? lo
    }

    public static func + (a: Interval, b: Interval) -> Interval {
        Interval(lo: a.lo + b.lo, hi: a.hi + b.hi)
    }

    public static func - (a: Interval, b: Interval) -> Interval {
        Interval(lo: a.lo - b.hi, hi: a.hi - b.lo)
    }

    public static prefix func - (a: Interval) -> Interval {
        Interval(lo: -a.hi, hi: -a.lo)
    }

    public static func * (a: Interval, b: Interval) -> Interval {
        if a.isPoint, b.isPoint { return Interval(a.lo * b.lo) }
        let products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
        return Interval(lo: products.min() ?? .zero, hi: products.max() ?? .zero)
    }

    /// `a / b`, or `nil` when `b` contains zero.
    public static func divide(_ a: Interval, _ b: Interval) -> Interval? {
        if b.isPoint, a.isPoint {
            guard let q = Number.divide(a.lo, b.lo) else { return nil }
            return Interval(q)
        }
        if b.lo <= .zero, b.hi >= .zero { return nil }
        var lows: [Number] = []
        var highs: [Number] = []
        for x in [a.lo, a.hi] {
            for y in [b.lo, b.hi] {
                guard let down = Number.divide(x, y, direction: .down), let up = Number.divide(x, y, direction: .up) else { return nil }
                lows.append(down)
                highs.append(up)
            }
        }
        return Interval(lo: lows.min() ?? .zero, hi: highs.max() ?? .zero)
    }

    public var magnitude: Interval {
        if lo >= .zero { return self }
        if hi <= .zero { return -self }
        return Interval(lo: .zero, hi: max(-lo, hi))
    }

    /// Rounds both ends to `decimals` places, half away from zero.
    public func rounded(toDecimals decimals: Int) -> Interval {
        Interval(lo: lo.rounded(toDecimals: decimals), hi: hi.rounded(toDecimals: decimals))
    }

    public var description: String { isPoint ? lo.description : "[\(lo), \(hi)]" }
}
