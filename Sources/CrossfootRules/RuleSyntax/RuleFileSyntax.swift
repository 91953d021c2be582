import CrossfootBase

/// A value from a rule file with the position of the YAML node it came from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// What a rule file says, before names are resolved: the syntax tree built from its YAML.
public struct RuleFileSyntax: Sendable {
    public var path: String
    public var version: Located<Int>
    public var pack: Located<String>
    public var description: String?
    public var tables: [TableDeclarationSyntax]
    public var rules: [RuleSyntax]
}

/// A `tables:` entry: the columns of a table the pack expects, and how to describe its rows.
public struct TableDeclarationSyntax: Sendable {
    public var name: Located<String>
    public var columns: [Located<String>]?
    /// A message template naming the row, e.g. `"{country}, {population_type}"`.
    public var subject: Located<String>?
    /// Column names as people read them, e.g. `final_budget: Final Budget`.
    public var labels: [String: String]
    public var labelLocations: [String: SourceLocation]
    /// The columns that identify a row.
    public var key: [Located<String>]?
    /// The names a CSV header may give the table's columns, column by column.
    public var headers: [HeaderMappingSyntax] = []
}

/// One column of a `headers:` mapping: `actual: ["Actual*", "Result"]`.
public struct HeaderMappingSyntax: Sendable {
    /// The table's column.
    public var column: Located<String>
    /// Globs for the header names that stand for it.
    public var patterns: [Located<String>]

    public init(column: Located<String>, patterns: [Located<String>]) {
        self.column = column
        self.patterns = patterns
    }
}

public enum MissingPolicy: String, Sendable, Hashable {
    /// A row whose condition cannot be evaluated for lack of a value is not checked.
    case skip
    /// Such a row is a finding.
    case fail
}

public enum ToleranceSyntax: Sendable, Hashable {
    case absolute(Number)
    /// Every operand may be off by half a unit of its last written decimal.
    case rounding
}

/// The kind of check a rule performs.
public enum CheckKind: String, Sendable, Hashable, CaseIterable {
    case range, required, change, sum, ratio, expect
    case outlier, scale, repeated, coverage, carryover, swing
}

public enum CheckSyntax: Sendable {
    case range(columns: [Located<String>], min: Located<Number>?, max: Located<Number>?)
    case required(columns: [Located<String>])
    case change(
        from: Located<String>, to: Located<String>, maxDrop: Located<Number>?, maxRise: Located<Number>?, maxRelativeDrop: Located<Number>?,
        minBase: Located<Number>?)
    /// Totals down the rows: in each group, the total row's columns equal the sum of the others.
    case sumDown(columns: [Located<String>], groupBy: [Located<String>], total: ExpressionSource)
    /// Totals across columns: `total` equals the sum of `parts`.
    case sumAcross(total: Located<String>, parts: [ExpressionSource])
    case ratio(column: Located<String>, numerator: ExpressionSource, denominator: ExpressionSource, scale: Number, decimals: Located<Int>)
    case expect(ExpressionSource)
    case outlier(column: Located<String>, by: [Located<String>], method: OutlierMethod, threshold: Number?, minGroup: Int)
    case scale(columns: [Located<String>], reference: Located<String>?, by: [Located<String>], maxValue: Number, minReference: Number)
    case repeated(column: Located<String>, by: [Located<String>], across: Located<String>, minIndicators: Int, of: [Located<String>])
    case coverage(by: [Located<String>], among: [Located<String>], across: Located<String>, minOthers: Int)
    case carryover(from: Located<String>, to: Located<String>, key: [Located<String>], over: Located<String>)
    /// `onlyReversals` (`only: reversals`): a swing is reported only when the next year swings
    /// back the other way.
    case swing(columns: [Located<String>], by: [Located<String>], over: Located<String>, maxRelativeChange: Number, onlyReversals: Bool)

    public var kind: CheckKind {
        switch self {
        case .range: .range
        case .required: .required
        case .change: .change
        case .sumDown, .sumAcross: .sum
        case .ratio: .ratio
        case .expect: .expect
        case .outlier: .outlier
        case .scale: .scale
        case .repeated: .repeated
        case .coverage: .coverage
        case .carryover: .carryover
        case .swing: .swing
        }
    }
}

public struct JoinSyntax: Sendable {
    public var table: Located<String>
    /// Columns that must be equal in both rows.
    public var on: [Located<String>]
    /// A condition on the partner row, written with its own column names.
    public var filter: ExpressionSource?
    /// The name the partner's columns go by: `alias.column`.
    public var alias: Located<String>
}

public struct RuleSyntax: Sendable {
    public var id: Located<String>
    public var description: String?
    public var severity: Severity
    public var table: Located<String>
    public var filter: ExpressionSource?
    public var join: JoinSyntax?
    public var groupBy: [Located<String>]
    public var check: CheckSyntax
    public var checkLocation: SourceLocation
    public var message: Located<String>?
    public var tolerance: Located<ToleranceSyntax>?
    public var missing: MissingPolicy
    public var location: SourceLocation
    public var weight: Located<Number>?
}

extension TableDeclarationSyntax {
    /// A declaration that only maps header names, as a project config writes it.
    public init(name: Located<String>, headers: [HeaderMappingSyntax]) {
        self.init(name: name, columns: nil, subject: nil, labels: [:], labelLocations: [:], key: nil, headers: headers)
    }
}
