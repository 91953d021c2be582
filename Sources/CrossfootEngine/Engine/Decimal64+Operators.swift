import CrossfootBase
import CrossfootRules

/// The operators of expressions on `significand × 10^exponent` pairs.
extension Decimal64 {
    /// `a op b` with an absolute tolerance, as `RowEvaluator.compare` defines it.
    @inline(__always)
    package static func compare(_ op: Expr.BinaryOperator, _ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8, tolerance t: (Int64, Int8)) -> Bool? {
        guard let (x, y, e) = align(a, ea, b, eb) else { return nil }
        let (d, overflow) = x.subtractingReportingOverflow(y)
        guard !overflow else { return nil }
        if t.0 == 0 {
            switch op {
            case .equal: return d == 0
            case .notEqual: return d != 0
            case .less: return d < 0
            case .lessOrEqual: return d <= 0
            case .greater: return d > 0
            case .greaterOrEqual: return d >= 0
            default: return nil
            }
        }
        guard let (dd, tt, _) = align(d, e, t.0, t.1) else { return nil }
        switch op {
        case .equal: return dd <= tt && -dd <= tt
        case .notEqual: return !(dd <= tt && -dd <= tt)
        case .less: return dd < tt
        case .lessOrEqual: return dd <= tt
        case .greater: return dd > -tt
        case .greaterOrEqual: return dd >= -tt
        default: return nil
        }
    }

    @inline(__always)
    package static func arithmetic(_ op: BoundExpr.Arithmetic, _ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8) -> (Int64, Int8)? {
        switch op {
        case .add, .subtract:
            guard let (x, y, e) = align(a, ea, b, eb) else { return nil }
            let (r, overflow) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
            return overflow ? nil : (r, e)
        case .multiply:
            let (r, overflow) = a.multipliedReportingOverflow(by: b)
            let e = Int(ea) + Int(eb)
            guard !overflow, let exponent = Int8(exactly: e) else { return nil }
            return (r, exponent)
        case .divide:
            return nil
        }
    }
}
