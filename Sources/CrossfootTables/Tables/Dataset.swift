import CrossfootBase
import CrossfootRules

/// Everything read from one input file: its tables and what the reader noticed on the way.
public struct Dataset: Sendable {
    public let source: SourceFile
    public let format: InputFormat
    public var tables: [Table]
    /// Problems in the data's layout that are findings in their own right (a ragged row, a year
    /// that contradicts the report's).
    public var issues: [ReaderIssue]
    /// Remarks that are not findings (an empty file, a skipped block).
    public var notes: [Diagnostic]
    /// The tables' headers, where the reader knows them (a CSV file's header row).
    public var headers: [TableHeader]

    public init(
        source: SourceFile, format: InputFormat, tables: [Table], issues: [ReaderIssue] = [], notes: [Diagnostic] = [], headers: [TableHeader] = []
    ) {
        self.source = source
        self.format = format
        self.tables = tables
        self.issues = issues
        self.notes = notes
        self.headers = headers
    }

    public func table(named name: String) -> Table? {
        tables.first { $0.name == name }
    }

    public var rowCount: Int { tables.reduce(0) { $0 + $1.rowCount } }
}

/// A layout problem a reader found; it is reported like a finding of a built-in rule.
public struct ReaderIssue: Sendable, Hashable {
    /// A built-in rule id, e.g. `report-year`.
    public var rule: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var table: String?
    public var column: String?
    /// The row it is about, when it is about one (`Finding.rowPosition`).
    public var rowPosition: SourceLocation?

    public init(
        rule: String, severity: Severity, message: String, location: SourceLocation, table: String? = nil, column: String? = nil,
        rowPosition: SourceLocation? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.table = table
        self.column = column
        self.rowPosition = rowPosition
    }

    /// The finding it is reported as.
    public var finding: Finding {
        var finding = Finding(rule: rule, check: "input", severity: severity, message: message, location: location, table: table, column: column)
        finding.rowPosition = rowPosition
        return finding
    }
}
