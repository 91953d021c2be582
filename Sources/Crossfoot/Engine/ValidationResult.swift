/// What validating one dataset produced.
public struct ValidationResult: Sendable {
    public var findings: [Finding]
    /// Rules that could not apply to a table (a column it lacks, a table to join that is absent).
    public var notes: [Diagnostic]
    /// Rows in the dataset's tables.
    public var rows: Int

    public init(findings: [Finding] = [], notes: [Diagnostic] = [], rows: Int = 0) {
        self.findings = findings
        self.notes = notes
        self.rows = rows
    }
}
