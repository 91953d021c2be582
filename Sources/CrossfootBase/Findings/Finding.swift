/// Evidence attached to a finding, with where it points when it points at a cell.
public struct FindingNote: Sendable, Hashable {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = DisplayText.escaped(message, keepingLineBreaksAndTabs: true)
        self.location = location
    }
}

/// One inconsistency in the data: which rule, where (file, line, column of the cell), the values
/// and what was expected.
public struct Finding: Sendable, Hashable {
    /// A value in a finding, as JSON will carry it.
    public enum Value: Sendable, Hashable {
        case missing
        case number(Number)
        case text(String)
    }

    public var rule: String
    /// The check kind (`range`, `sum`, …), or `input` for layout problems found while reading.
    public var check: String
    public var severity: Severity
    public var message: String
    /// Where the cell's value starts.
    public var location: SourceLocation
    /// Where the cell's value ends (exclusive), on the same line for one-line cells.
    public var endLocation: SourceLocation
    public var table: String?
    public var column: String?
    /// The row's cells as written, in table column order.
    public var row: [(name: String, text: String)] {
        get { zip(rowNames, rowTexts).map { (name: $0, text: $1) } }
        set {
            rowNames = newValue.map(\.name)
            rowTexts = newValue.map(\.text)
        }
    }
    /// The row's column names: one array shared by the findings of a table, so a million
    /// findings do not hold a million copies of its header.
    public var rowNames: [String]
    /// The row's cells as written, in the order of `rowNames`.
    public var rowTexts: [String]
    /// Which row of its table the finding is about, as a position in the file only that row
    /// holds (`Table.rowPosition(row:)`: a CSV record's start, otherwise where the row's last cell
    /// starts); `nil` for a finding about no one row (a header, a missing table). Triage groups
    /// findings into rows by it, so the years of a chart written on one line are rows of their
    /// own. It is not part of a finding's identity and no report writes it.
    public var rowPosition: SourceLocation?
    public var actual: Value
    public var expected: Value
    /// How far off the value is, in [0, 1], for the triage score (see `Triage`).
    public var magnitude: Double = 0.5
    /// The triage score in [0, 1]: the rule's weight times the magnitude.
    public var score: Double = 0
    /// What was expected against what was found, for people:
    /// `expected 6,409,689 ± 3 (sum of 6 rounded parts), found 6,409,690`.
    public var expectation: String?
    /// Evidence beside the finding: the cell most likely wrong and why, a row to compare with.
    public var notes: [FindingNote] = []

    public init(
        rule: String, check: String, severity: Severity, message: String, location: SourceLocation, endLocation: SourceLocation? = nil,
        table: String? = nil, column: String? = nil, row: [(name: String, text: String)] = [], actual: Value = .missing, expected: Value = .missing
    ) {
        self.init(
            rule: rule, check: check, severity: severity, message: message, location: location, endLocation: endLocation, table: table, column: column,
            rowNames: row.map(\.name), rowTexts: row.map(\.text), actual: actual, expected: expected)
    }

    /// A finding whose row is given as its column names (shared by a table's findings) and texts.
    public init(
        rule: String, check: String, severity: Severity, message: String, location: SourceLocation, endLocation: SourceLocation? = nil,
        table: String? = nil, column: String? = nil, rowNames: [String], rowTexts: [String], actual: Value = .missing, expected: Value = .missing
    ) {
        self.rule = rule
        self.check = check
        self.severity = severity
        self.message = DisplayText.escaped(message, keepingLineBreaksAndTabs: true)
        self.location = location
        self.endLocation = endLocation ?? location
        self.table = table
        self.column = column
        self.rowNames = rowNames
        self.rowTexts = rowTexts
        self.actual = actual
        self.expected = expected
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.rule == b.rule && a.location == b.location && a.message == b.message && a.column == b.column && a.severity == b.severity
            && a.rowNames == b.rowNames && a.rowTexts == b.rowTexts && a.actual == b.actual && a.expected == b.expected
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(location)
        hasher.combine(message)
    }

    /// Findings in their stable order, sorting indices rather than moving the findings.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        // Already in order (as each check makes them): nothing to copy.
        if zip(findings.indices, findings.indices.dropFirst()).allSatisfy({ !ordered(findings[$1], findings[$0]) }) { return findings }
        let order = findings.indices.sorted { ordered(findings[$0], findings[$1]) }
        return order.map { findings[$0] }
    }

    /// The stable order of findings: file, line, column, then rule id and message.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.location.path != b.location.path { return a.location.path < b.location.path }
        if a.location.line != b.location.line { return a.location.line < b.location.line }
        if a.location.column != b.location.column { return a.location.column < b.location.column }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}
