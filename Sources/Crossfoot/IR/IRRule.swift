/// A compiled rule: which rows it looks at, and the assertions each of those rows must pass.
public struct IRRule: Sendable {
    public var id: String
    public var pack: String
    public var description: String?
    public var severity: Severity
    public var check: CheckKind
    /// A table name or a glob such as `*`.
    public var table: String
    /// Where the rule is defined.
    public var location: SourceLocation
    /// The rows the rule applies to (its `where`).
    public var filter: IRExpr?
    public var join: IRJoin?
    public var group: IRGroup?
    public var assertions: [IRAssertion]
    public var missing: MissingPolicy
    /// The user's message template, if any.
    public var message: String?
    /// Every column of the rule's own table that it reads.
    public var columns: [String]
    /// The text of the rule's expression, for `expect` messages.
    public var sourceText: String?
}

/// Another table's matching row, made available under an alias.
public struct IRJoin: Sendable {
    public var table: String
    /// Columns equal in both rows.
    public var on: [String]
    /// A condition on the partner, written with `alias.column`.
    public var filter: IRExpr?
    public var alias: String
    /// The partner columns the rule reads.
    public var columns: [String]
}

/// Rows grouped by key, so a row's assertions can use aggregates over its group.
public struct IRGroup: Sendable {
    public var keys: [IRExpr]
    /// Which rows of a group feed its aggregates (after the rule's filter); all when `nil`.
    public var members: IRExpr?
    /// How many aggregate slots the rule's expressions use.
    public var aggregateCount: Int
    /// The aggregates, by slot.
    public var aggregates: [(kind: IRAggregateKind, operand: IRExpr?)]
}

/// One thing a row must satisfy, and the cell a failure points at.
public struct IRAssertion: Sendable {
    /// The cell the finding points at.
    public var cell: IRColumn
    /// Only rows for which this holds are checked (e.g. the total rows of a sum).
    public var applies: IRExpr?
    /// The row passes when this is true.
    public var condition: IRExpr
    /// The value found, for messages and the JSON `actual` field.
    public var actual: IRExpr?
    /// What was expected, when one value was.
    public var expected: IRExpr?
    public var detail: IRDetail
}

/// What a check kind needs to word its message.
public enum IRDetail: Sendable {
    case range(min: Number?, max: Number?)
    case required
    case change(from: IRColumn, maxDrop: Number?, maxRise: Number?, maxRelativeDrop: Number?, minBase: Number?)
    case sum(parts: [IRExpr], tolerance: IRTolerance, down: Bool)
    case ratio(numerator: IRExpr, denominator: IRExpr, scale: Number, decimals: Int?, tolerance: IRTolerance)
    case expect(source: String, tolerance: IRTolerance)
}
