import CrossfootBase

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
    /// How much a finding of this rule weighs in the triage score (`weight:`); by default error
    /// 1, warning 0.8, info 0.3.
    public var weight: Number?
    /// A check over sets of rows that no row-by-row assertion can state (`coverage`).
    public var setCheck: IRSetCheck?

    /// Rules that read other rules' findings (`flagged`) run after every other rule of a file.
    public var readsFindings: Bool {
        var found = false
        func look(_ e: IRExpr?) { e?.visit { if case .call(.flagged, _) = $0 { found = true } } }
        look(filter)
        look(group?.members)
        for a in assertions {
            look(a.condition)
            look(a.applies)
        }
        return found
    }

    /// Rules that compare a row with the same row of the previous year: checked once every
    /// input of the run has been read, across files of one series.
    public var isSeries: Bool { join?.previous != nil }

    /// The weight of the rule's findings in the triage score.
    public var effectiveWeight: Double {
        if let weight { return Double(weight.description) ?? 1 }
        switch severity {
        case .error: return 1
        case .warning: return 0.8
        case .info: return 0.3
        }
    }
}

/// Checks over sets of rows.
public enum IRSetCheck: Sendable {
    /// In each group (`among`), a value of `by` present in every other `across` value's rows (at
    /// least `minOthers` of them) but absent from one `across` value's rows.
    case coverage(by: [String], across: String, minOthers: Int)
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
    /// For rules across years: the column that orders a series (`year`). The partner is then the
    /// row with the same `on` columns one step earlier, in any input of the same series.
    public var previous: String?
    /// For rules across years: a failing row is reported only when the row one step later fails
    /// the same assertion the other way (its value against this row's moves back), so a value
    /// out of line with the years on both sides is reported, and a move to a new level that the
    /// next year keeps, or that has no next year yet, is not.
    public var onlyReversals = false
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
    /// `count`, `center` and `spread` are aggregate slots: the group's size, its median (or
    /// mean, or first quartile) and its MAD (or variance, or third quartile).
    case outlier(method: OutlierMethod, threshold: Number, minGroup: Int, count: Int, center: Int, spread: Int)
    case scale(reference: IRExpr, maxValue: Number, minReference: Number)
    case repeated(across: String, minIndicators: Int, slot: Int)
    case coverage
    case carryover(from: IRColumn, tolerance: IRTolerance)
    case swing(maxRelativeChange: Number, over: String)
}

public enum OutlierMethod: String, Sendable, Hashable, CaseIterable {
    /// Median and median absolute deviation (Iglewicz and Hoaglin): robust to the outlier itself.
    case modifiedZ = "modified_z"
    case z
    case iqr

    package var defaultThreshold: Number {
        switch self {
        case .modifiedZ: Number(significand: 35, exponent: -1)
        case .z: Number(3)
        case .iqr: Number(significand: 15, exponent: -1)
        }
    }
}
