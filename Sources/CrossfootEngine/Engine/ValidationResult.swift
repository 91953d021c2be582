import CrossfootBase
import CrossfootRules
import CrossfootTables

/// What validating one dataset produced.
public struct ValidationResult: Sendable {
    public var findings: [Finding]
    /// Rules that could not apply to a table (a column it lacks, a table to join that is absent).
    public var notes: [Diagnostic]
    /// Rows in the dataset's tables.
    public var rows: Int
    /// Rows of rules across years, checked once every input has been read.
    package var series: [Evaluation.StateKey: SnapshotRows] = [:]
    /// The operation the input is about, which ties it to the other years of its series.
    package var operation: String?
    /// Findings past `--max-findings-per-rule`, counted and never made (`Evaluation.cap`): by
    /// rule, and by severity.
    public var unmade: [String: Int] = [:]
    public var unmadeBySeverity: [Severity: Int] = [:]
    /// The severity of each rule some of whose findings were counted and not made.
    public var unmadeSeverity: [String: Severity] = [:]

    public init(findings: [Finding] = [], notes: [Diagnostic] = [], rows: Int = 0) {
        self.findings = findings
        self.notes = notes
        self.rows = rows
    }

    /// Adds what another part of the same dataset produced: tables checked apart because
    /// their columns differ from earlier tables of their name.
    package mutating func absorb(_ other: ValidationResult) {
        findings = Finding.sorted(findings + other.findings)
        let known = Set(notes.map(\.message))
        notes += other.notes.filter { !known.contains($0.message) }
        rows += other.rows
        operation = operation ?? other.operation
        for (key, rows) in other.series {
            guard let mine = series[key] else {
                series[key] = rows
                continue
            }
            // Rows kept for comparing years join only rows of the same columns; the first win.
            if mine.columnNames == rows.columnNames { series[key]?.append(rows) }
        }
    }
}
