/// What validating one dataset produced.
public struct ValidationResult: Sendable {
    public var findings: [Finding]
    /// Rules that could not apply to a table (a column it lacks, a table to join that is absent).
    public var notes: [Diagnostic]
    /// Rows in the dataset's tables.
    public var rows: Int
    /// Rows of rules across years, checked once every input has been read.
    var series: [Evaluation.StateKey: SnapshotRows] = [:]
    /// The operation the input is about, which ties it to the other years of its series.
    var operation: String?

    public init(findings: [Finding] = [], notes: [Diagnostic] = [], rows: Int = 0) {
        self.findings = findings
        self.notes = notes
        self.rows = rows
    }
}
