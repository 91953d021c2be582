import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// A Markdown summary for pull-request comments and GitHub's step summary.
public struct MarkdownReporter: Reporter {
    public var context: ReportContext
    /// The most findings listed in the table.
    public var limit = 50

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ run: LintResult) -> String {
        var out = "## Crossfoot\n\n"
        out += "| errors | warnings | infos | accepted | baselined | files | rows |\n|---:|---:|---:|---:|---:|---:|---:|\n"
        out +=
            "| \(run.count(.error)) | \(run.count(.warning)) | \(run.count(.info)) | \(run.accepted.count) | \(run.baselined.count) | \(run.files.count) | \(run.rows) |\n\n"
        var findings: [Finding] = []
        run.forEachFinding { findings.append($0) }
        if !findings.isEmpty {
            out += "| where | rule | severity | finding |\n|---|---|---|---|\n"
            for f in findings.prefix(limit) {
                let place = "\(context.paths.relative(f.location.path)):\(f.location.place)"
                out += "| \(MarkdownText.escape(place)) | \(MarkdownText.escape(f.rule)) | \(f.severity.rawValue) | \(MarkdownText.escape(f.message)) |\n"
            }
            if findings.count > limit { out += "\n… and \(findings.count - limit) more.\n" }
            out += "\n"
        }
        if !run.accepted.isEmpty {
            out += "### Accepted\n\n| where | rule | reason |\n|---|---|---|\n"
            for a in run.accepted {
                let place = "\(context.paths.relative(a.finding.location.path)):\(a.finding.location.place)"
                out += "| \(MarkdownText.escape(place)) | \(MarkdownText.escape(a.finding.rule)) | \(MarkdownText.escape(a.reason)) |\n"
            }
            out += "\n"
        }
        if !run.stale.isEmpty {
            out +=
                "\(run.stale.count) baseline entr\(run.stale.count == 1 ? "y no longer matches" : "ies no longer match") a finding: remove \(run.stale.count == 1 ? "it" : "them") from the baseline.\n"
        }
        return out
    }
}
