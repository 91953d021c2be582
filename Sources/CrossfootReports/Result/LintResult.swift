import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// What a lint shows: the engine's findings after the gate has set accepted and baselined ones
/// apart and the limits have left some out, with everything the reports count.
///
/// Every reporter renders this one value and nothing else.
public struct LintResult: Sendable {
    /// Each file's findings that are new and shown.
    public var files: [Linter.FileResult]
    /// Inputs that could not be read; the others were still linted.
    public var inputErrors: [Diagnostic]
    public var ruleCount: Int
    public var ruleIDs: [String]
    /// The rules run, for reports that describe them (SARIF).
    public var rules: [IRRule]
    /// What was skipped on the way, for the user's information.
    public var notes: [Diagnostic]
    /// Findings waived by the project config's `accept` entries, with their reasons.
    public var accepted: [AcceptedFinding] = []
    /// Findings the baseline already knows.
    public var baselined: [Finding] = []
    /// Baseline entries that no longer match a finding.
    public var stale: [Baseline.Entry] = []
    /// `accept` entries that matched nothing.
    public var unusedAccepts: [Acceptance] = []
    /// New findings left out of the report by `--min-severity` (they still count for
    /// `--fail-on`), and that lowest severity shown.
    public var hidden: [Severity: Int] = [:]
    public var minSeverity: Severity = .info
    /// Reports list findings by triage score, highest first (`--sort score`), instead of by
    /// file, line and column.
    public var sortByScore = false
    /// Findings beyond `--max-findings-per-rule`, not listed but counted: by rule, and by
    /// severity.
    public var unlisted: [String: Int] = [:]
    public var unlistedBySeverity: [Severity: Int] = [:]
    /// Findings that would have been listed but were only counted, because nothing showed them
    /// (`--statistics`): by rule, and by severity, with each such rule's severity.
    public var counted: [String: Int] = [:]
    public var countedBySeverity: [Severity: Int] = [:]
    public var countedSeverity: [String: Severity] = [:]
    /// The text of the inputs whose lines a report shows (the HTML report's charts and tables),
    /// by path; a report reads no input itself.
    public var sources: [String: SourceFile] = [:]
    /// The tables of the inputs that the HTML report charts, by path, and the inputs it could
    /// not read again for that (too large, or gone).
    public var datasets: [String: Dataset] = [:]
    public var unreadableDatasets: Set<String> = []

    /// The engine's run as it is, before any gate.
    public init(_ run: Linter.Run) {
        files = run.files
        inputErrors = run.inputErrors
        ruleCount = run.ruleCount
        ruleIDs = run.ruleIDs
        rules = run.rules
        notes = run.notes
        for file in run.files {
            for (rule, n) in file.unmade { unlisted[rule, default: 0] += n }
            for (severity, n) in file.unmadeBySeverity { unlistedBySeverity[severity, default: 0] += n }
            countedSeverity.merge(file.unmadeSeverity) { first, _ in first }
        }
    }

    public var findings: [Finding] { files.flatMap(\.findings) }
    public var rows: Int { files.reduce(0) { $0 + $1.rows } }
    public var tables: Int { files.reduce(0) { $0 + $1.tables } }

    /// New findings of this severity, shown or not.
    public func count(_ severity: Severity) -> Int {
        var total = hidden[severity, default: 0] + unlistedBySeverity[severity, default: 0] + countedBySeverity[severity, default: 0]
        for file in files.indices {
            // By index: a `for finding in` loop copies every finding (its strings and arrays).
            for i in files[file].findings.indices where files[file].findings[i].severity == severity { total += 1 }
        }
        return total
    }
}
