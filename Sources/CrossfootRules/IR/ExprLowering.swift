import CrossfootBase

/// Turns a checked expression into IR, reading the checker's side tables.
package struct ExprLowering {
    package let resolutions: [Int: ExpressionChecker.Resolution]
    /// The tolerance that comparisons written in this expression get.
    package let tolerance: IRTolerance

    package init(resolutions: [Int: ExpressionChecker.Resolution], tolerance: IRTolerance) {
        self.resolutions = resolutions
        self.tolerance = tolerance
    }

    package func lower(_ expr: Expr) -> IRExpr {
        switch expr.kind {
        case .number(let n): return .number(n)
        case .string(let s): return .text(s)
        case .bool(let b): return .bool(b)
        case .list: return .missing
        case .column(let name):
            if case .column(let c) = resolutions[expr.id] { return .column(c) }
            return .column(IRColumn(name: name))
        case .qualified(let alias, let name):
            if case .column(let c) = resolutions[expr.id] { return .column(c) }
            return .column(IRColumn(alias: alias, name: name))
        case .unary(.negate, let e): return .negate(lower(e))
        case .unary(.not, let e): return .not(lower(e))
        case .binary(let op, let a, let b):
            let x = lower(a)
            let y = lower(b)
            switch op {
            case .add: return .add(x, y)
            case .subtract: return .subtract(x, y)
            case .multiply: return .multiply(x, y)
            case .divide: return .divide(x, y)
            case .and: return .and(x, y)
            case .or: return .or(x, y)
            default: return .compare(op, x, y, tolerance)
            }
        case .inList(let value, let items, let negated):
            let list = IRExpr.inList(lower(value), items.map(lower))
            return negated ? .not(list) : list
        case .call(let name, let args):
            if case .aggregate(let slot) = resolutions[expr.id] {
                return .aggregate(slot: slot, IRAggregateKind(rawValue: name) ?? .count, args.first.map(lower))
            }
            let function = IRFunction(rawValue: name) ?? .coalesce
            return .call(function, args.map(lower))
        }
    }
}
