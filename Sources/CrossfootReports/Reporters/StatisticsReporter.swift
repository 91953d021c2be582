import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// Only the number of findings per rule, most first, then what each file yielded — the rows of
/// each of its tables — then the summary line; the counts are like Ruff's `--statistics`:
///
///     5000  baseline-present  warning
///     data/indicators.csv: indicators 5200 rows
///     data/report.md: indicators 79 rows, financials 12 rows
public struct StatisticsReporter: Reporter {
    public init() {}

    public func render(_ run: LintResult) -> String {
        var severity: [String: Severity] = [:]
        for file in run.files.indices {
            for i in run.files[file].findings.indices where severity[run.files[file].findings[i].rule] == nil {
                severity[run.files[file].findings[i].rule] = run.files[file].findings[i].severity
            }
        }
        let rows = run.countsByRule.filter { $0.count > 0 }.sorted { ($0.count, $1.rule) > ($1.count, $0.rule) }
        let width = rows.map { String($0.count).count }.max() ?? 1
        let idWidth = rows.map(\.rule.count).max() ?? 0
        var out = ""
        for row in rows {
            let count = String(row.count)
            let padded = String(repeating: " ", count: width - count.count) + count
            let id = row.rule + String(repeating: " ", count: idWidth - row.rule.count)
            out += "\(padded)  \(id)  \((severity[row.rule] ?? run.countedSeverity[row.rule])?.rawValue ?? "")\n"
        }
        for file in run.files.sorted(by: { $0.path < $1.path }) {
            out += Self.yield(of: file) + "\n"
        }
        out += run.summaryLine + "\n"
        return out
    }

    /// `data/report.md: indicators 79 rows, financials 12 rows`, or `data/empty.csv: no table`.
    package static func yield(of file: Linter.FileResult) -> String {
        guard !file.rowsByTable.isEmpty else { return "\(file.path): no table" }
        let tables = file.rowsByTable.map { "\($0.name) \($0.rows) row\($0.rows == 1 ? "" : "s")" }
        return "\(file.path): " + tables.joined(separator: ", ")
    }
}
