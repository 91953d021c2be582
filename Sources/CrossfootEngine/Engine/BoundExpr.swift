import CrossfootBase
import CrossfootRules
import CrossfootTables

/// IR bound to one table (and its join partner table): column names resolved to column indices,
/// regular expressions compiled. This is what the evaluator runs.
package indirect enum BoundExpr: Sendable {
    /// `side` 0 is the row's own table, 1 the joined partner.
    case column(side: Int, index: Int)
    /// A column the table does not have: always missing.
    case absent
    case constant(Value)
    case negate(BoundExpr)
    case not(BoundExpr)
    case arithmetic(Arithmetic, BoundExpr, BoundExpr)
    case compare(Expr.BinaryOperator, BoundExpr, BoundExpr, IRTolerance)
    case and(BoundExpr, BoundExpr)
    case or(BoundExpr, BoundExpr)
    case inList(BoundExpr, [Value])
    case call(IRFunction, [BoundExpr])
    case matches(BoundExpr, SafeRegex)
    case aggregate(slot: Int)
    /// The median of the group's values with this row's own value (the operand) left out.
    case aggregateExcluding(slot: Int, BoundExpr)

    package enum Arithmetic: Sendable { case add, subtract, multiply, divide }

    /// Binds `expr`; `own` and `partner` resolve column names of each side.
    package static func bind(_ expr: IRExpr, own: (String) -> Int?, partner: (String) -> Int?, alias: String?) -> BoundExpr {
        func b(_ e: IRExpr) -> BoundExpr { bind(e, own: own, partner: partner, alias: alias) }
        switch expr {
        case .number(let n): return .constant(.number(Interval(n)))
        case .text(let s): return .constant(.text(s))
        case .bool(let v): return .constant(.bool(v))
        case .missing: return .constant(.missing)
        case .column(let c):
            if let a = c.alias {
                guard a == alias, let index = partner(c.name) else { return .absent }
                return .column(side: 1, index: index)
            }
            guard let index = own(c.name) else { return .absent }
            return .column(side: 0, index: index)
        case .negate(let e): return .negate(b(e))
        case .not(let e): return .not(b(e))
        case .add(let x, let y): return .arithmetic(.add, b(x), b(y))
        case .subtract(let x, let y): return .arithmetic(.subtract, b(x), b(y))
        case .multiply(let x, let y): return .arithmetic(.multiply, b(x), b(y))
        case .divide(let x, let y): return .arithmetic(.divide, b(x), b(y))
        case .compare(let op, let x, let y, let t): return .compare(op, b(x), b(y), t)
        case .and(let x, let y): return .and(b(x), b(y))
        case .or(let x, let y): return .or(b(x), b(y))
        case .inList(let e, let items):
            let values: [Value] = items.map {
                switch $0 {
                case .number(let n): return .number(Interval(n))
                case .text(let s): return .text(s)
                case .bool(let v): return .bool(v)
                case .negate(.number(let n)): return .number(Interval(-n))
                default: return .missing
                }
            }
            return .inList(b(e), values)
        case .call(.matches, let args):
            if args.count == 2, case .text(let pattern) = args[1], let regex = try? SafeRegex(pattern) {
                return .matches(b(args[0]), regex)
            }
            return .constant(.missing)
        case .call(let f, let args): return .call(f, args.map(b))
        case .aggregate(let slot, .medianOthers, let e?): return .aggregateExcluding(slot: slot, b(e))
        case .aggregate(let slot, _, _): return .aggregate(slot: slot)
        }
    }
}

/// Evaluates bound IR on one row.
package struct RowEvaluator {
    package let own: Table
    package let partner: Table?
    package var row = 0
    package var partnerRow = -1
    package var aggregates: GroupAggregates?
    /// Other rules' findings, for `flagged`; `nil` until they are known.
    package var flags: FlagIndex?

    package init(own: Table, partner: Table?) {
        self.own = own
        self.partner = partner
    }

    package func load(side: Int, index: Int, rounding: Bool) -> Value {
        // The table is passed on, not bound to a local: that would copy the whole table.
        if side == 0 { return Self.load(own, row: row, index: index, rounding: rounding) }
        guard let partner, partnerRow >= 0 else { return .missing }
        return Self.load(partner, row: partnerRow, index: index, rounding: rounding)
    }

    private static func load(_ table: Table, row r: Int, index: Int, rounding: Bool) -> Value {
        // Through the array each time: binding the column to a local would copy it.
        guard table.columns[index].isLoaded else {
            switch table.value(row: r, column: index) {
            case .missing: return .missing
            case .number(let n, _): return .number(rounding ? Interval.written(n) : Interval(n))
            case .text(let s): return .text(s)
            }
        }
        switch table.columns[index].kinds[r] {
        case .missing: return .missing
        case .number, .percent:
            guard let n = table.columns[index].number(at: r) else { return .missing }
            return .number(rounding ? Interval.written(n) : Interval(n))
        case .text, .rawText: return .text(table.columns[index].text(at: r) ?? "")
        }
    }

    package func evaluate(_ e: BoundExpr, rounding: Bool = false) -> Value {
        switch e {
        case .column(let side, let index): return load(side: side, index: index, rounding: rounding)
        case .absent: return .missing
        case .constant(let v): return v
        case .negate(let x):
            guard case .number(let i) = evaluate(x, rounding: rounding) else { return .missing }
            return .number(-i)
        case .not(let x):
            guard case .bool(let b) = evaluate(x, rounding: rounding) else { return .missing }
            return .bool(!b)
        case .arithmetic(let op, let x, let y):
            guard case .number(let a) = evaluate(x, rounding: rounding), case .number(let b) = evaluate(y, rounding: rounding) else { return .missing }
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return Interval.divide(a, b).map { .number($0) } ?? .missing
            }
        case .compare(let op, let x, let y, let tolerance):
            let r = rounding || tolerance == .rounding
            return Self.compare(op, evaluate(x, rounding: r), evaluate(y, rounding: r), tolerance)
        case .and(let x, let y):
            let a = evaluate(x, rounding: rounding)
            if a == .bool(false) { return a }
            let b = evaluate(y, rounding: rounding)
            if b == .bool(false) { return b }
            if a == .bool(true), b == .bool(true) { return a }
            return .missing
        case .or(let x, let y):
            let a = evaluate(x, rounding: rounding)
            if a == .bool(true) { return a }
            let b = evaluate(y, rounding: rounding)
            if b == .bool(true) { return b }
            if a == .bool(false), b == .bool(false) { return a }
            return .missing
        case .inList(let x, let items):
            let v = evaluate(x, rounding: rounding)
            if v.isMissing { return .missing }
            return .bool(items.contains { Self.compare(.equal, v, $0, .exact) == .bool(true) })
        case .matches(let x, let regex):
            switch evaluate(x, rounding: false) {
            case .text(let s): return .bool(regex.matches(s))
            case .number(let i): return .bool(regex.matches(i.mid.description))
            case .bool(let b): return .bool(regex.matches(b ? "true" : "false"))
            case .missing: return .missing
            }
        case .aggregate(let slot):
            guard let aggregates else { return .missing }
            return rounding ? aggregates.rounded(slot) : aggregates.exact(slot)
        case .aggregateExcluding(let slot, let operand):
            guard let aggregates else { return .missing }
            guard case .number(let own) = evaluate(operand) else { return aggregates.median(of: slot, excluding: nil) }
            return aggregates.median(of: slot, excluding: own.mid)
        case .call(let f, let args):
            return call(f, args, rounding: rounding)
        }
    }

    private func call(_ f: IRFunction, _ args: [BoundExpr], rounding: Bool) -> Value {
        switch f {
        case .present: return .bool(!evaluate(args[0], rounding: rounding).isMissing)
        case .missing: return .bool(evaluate(args[0], rounding: rounding).isMissing)
        case .coalesce:
            for a in args {
                let v = evaluate(a, rounding: rounding)
                if !v.isMissing { return v }
            }
            return .missing
        case .abs:
            guard case .number(let i) = evaluate(args[0], rounding: rounding) else { return .missing }
            return .number(i.magnitude)
        case .round:
            guard case .number(let i) = evaluate(args[0], rounding: rounding) else { return .missing }
            var decimals = 0
            if args.count > 1, case .number(let d) = evaluate(args[1]), let n = Int(d.lo.plain(decimals: 0, grouping: false)) { decimals = n }
            return .number(i.rounded(toDecimals: decimals))
        case .min, .max:
            var result: Interval?
            for a in args {
                guard case .number(let i) = evaluate(a, rounding: rounding) else { return .missing }
                if let r = result {
                    result =
                        f == .min
                        ? Interval(lo: Swift.min(r.lo, i.lo), hi: Swift.min(r.hi, i.hi)) : Interval(lo: Swift.max(r.lo, i.lo), hi: Swift.max(r.hi, i.hi))
                } else {
                    result = i
                }
            }
            return result.map { .number($0) } ?? .missing
        case .addPresent:
            var sum: Interval?
            for a in args {
                if case .number(let i) = evaluate(a, rounding: rounding) { sum = sum.map { $0 + i } ?? i }
            }
            return sum.map { .number($0) } ?? .missing
        case .matches:
            return .missing
        case .flagged:
            guard let flags, case .column(0, let index)? = args.first else { return .missing }
            let kinds = args.dropFirst().compactMap { arg -> String? in
                if case .constant(.text(let kind)) = arg { return kind }
                return nil
            }
            return .bool(flags.contains(table: own.name, at: own.locations(row: row, column: index).start, kinds: kinds))
        }
    }

    /// Compares two values; numbers under a tolerance compare equal when some choice within
    /// their intervals (widened by an absolute tolerance) makes them so.
    package static func compare(_ op: Expr.BinaryOperator, _ a: Value, _ b: Value, _ tolerance: IRTolerance) -> Value {
        switch (a, b) {
        case (.missing, _), (_, .missing): return .missing
        case (.number(let x), .number(let y)):
            var t = Number.zero
            if case .absolute(let abs) = tolerance { t = abs }
            switch op {
            case .equal: return .bool(x.lo - y.hi <= t && y.lo - x.hi <= t)
            case .notEqual: return .bool(!(x.lo - y.hi <= t && y.lo - x.hi <= t))
            case .less: return .bool(x.lo < y.hi + t)
            case .lessOrEqual: return .bool(x.lo <= y.hi + t)
            case .greater: return .bool(x.hi + t > y.lo)
            case .greaterOrEqual: return .bool(x.hi + t >= y.lo)
            default: return .missing
            }
        case (.text(let x), .text(let y)):
            switch op {
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .less: return .bool(x < y)
            case .lessOrEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterOrEqual: return .bool(x >= y)
            default: return .missing
            }
        case (.bool(let x), .bool(let y)):
            switch op {
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            default: return .missing
            }
        case (.number, .text(let s)), (.text(let s), .number):
            // A code written as a number in a CSV still equals its quoted form.
            if case .number(let n, _) = CellText.parse(s) {
                let parsed = Value.number(Interval(n))
                if case .number = a { return compare(op, a, parsed, tolerance) }
                return compare(op, parsed, b, tolerance)
            }
            switch op {
            case .equal: return .bool(false)
            case .notEqual: return .bool(true)
            default: return .missing
            }
        default:
            switch op {
            case .equal: return .bool(false)
            case .notEqual: return .bool(true)
            default: return .missing
            }
        }
    }
}
