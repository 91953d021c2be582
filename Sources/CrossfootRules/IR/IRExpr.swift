import CrossfootBase

/// A column reference in the IR: of the row's own table, or of the joined partner row.
public struct IRColumn: Sendable, Hashable, CustomStringConvertible {
    /// The join alias, or `nil` for the rule's own table.
    public var alias: String?
    public var name: String

    public init(alias: String? = nil, name: String) {
        self.alias = alias
        self.name = name
    }

    public var description: String {
        let quoted = name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber } ? name : "`\(name)`"
        return alias.map { "\($0).\(quoted)" } ?? quoted
    }
}

/// How a comparison tolerates differences.
public enum IRTolerance: Sendable, Hashable {
    case exact
    /// Equal when the difference is at most this much.
    case absolute(Number)
    /// Each data value may be off by half a unit of its last written decimal.
    case rounding
}

public enum IRFunction: String, Sendable, Hashable {
    case abs, round, min, max, present, missing, coalesce, matches
    /// The sum of the arguments that are present; missing when none is.
    case addPresent = "add_present"
    /// `flagged(column, "change", "scale", …)`: whether another rule's finding of one of those
    /// check kinds points at this row's cell. Rules that use it run after the others.
    case flagged
}

public enum IRAggregateKind: String, Sendable, Hashable {
    case sum, count
    /// Order statistics over the group's values.
    case median, q1, q3
    /// The median absolute deviation from the median.
    case mad
    case mean
    /// The population variance: the mean squared deviation from the mean.
    case variance
    /// The median of the group's other values: the row's own value left out once.
    case medianOthers = "median_others"
    /// How many different values the group has.
    case distinct

    /// Whether the aggregate needs every value of the group, not a running sum.
    package var keepsValues: Bool {
        switch self {
        case .sum, .count, .distinct: false
        default: true
        }
    }
}

/// The one small expression language every check kind lowers to.
///
/// The engine has one evaluator for it, and it is simple enough to be compiled to SQL later.
/// Missing values propagate: an operation on a missing value is missing, except `present`,
/// `missing`, `coalesce`, `add_present` and the short-circuits of `and` / `or`.
public indirect enum IRExpr: Sendable, Hashable {
    case number(Number)
    case text(String)
    case bool(Bool)
    case missing
    case column(IRColumn)
    case negate(IRExpr)
    case not(IRExpr)
    case add(IRExpr, IRExpr)
    case subtract(IRExpr, IRExpr)
    case multiply(IRExpr, IRExpr)
    case divide(IRExpr, IRExpr)
    case compare(Expr.BinaryOperator, IRExpr, IRExpr, IRTolerance)
    case and(IRExpr, IRExpr)
    case or(IRExpr, IRExpr)
    case inList(IRExpr, [IRExpr])
    case call(IRFunction, [IRExpr])
    /// An aggregate over the rows of the current row's group; `slot` indexes the rule's aggregates.
    case aggregate(slot: Int, IRAggregateKind, IRExpr?)

    /// Every column this expression reads.
    public var columns: [IRColumn] {
        var result: [IRColumn] = []
        visit { if case .column(let c) = $0, !result.contains(c) { result.append(c) } }
        return result
    }

    /// Calls `body` on this node and each node below it.
    public func visit(_ body: (IRExpr) -> Void) {
        body(self)
        switch self {
        case .number, .text, .bool, .missing, .column: break
        case .negate(let e), .not(let e): e.visit(body)
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b),
            .and(let a, let b), .or(let a, let b), .compare(_, let a, let b, _):
            a.visit(body)
            b.visit(body)
        case .inList(let e, let items):
            e.visit(body)
            items.forEach { $0.visit(body) }
        case .call(_, let args): args.forEach { $0.visit(body) }
        case .aggregate(_, _, let e): e?.visit(body)
        }
    }

    /// Joins conditions with `and`; `nil` when there are none.
    public static func all(_ conditions: [IRExpr]) -> IRExpr? {
        guard var result = conditions.first else { return nil }
        for c in conditions.dropFirst() { result = .and(result, c) }
        return result
    }
}
