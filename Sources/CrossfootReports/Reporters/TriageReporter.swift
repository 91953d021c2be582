import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// The rows most likely wrong first, grouped (for indicators: by country and indicator), each
/// with its findings, their scores and evidence. What `crossfoot triage` prints.
public struct TriageReporter: Reporter, Painting {
    public var color: Bool
    /// Show only this many groups (all when `nil`).
    public var limit: Int?

    public init(color: Bool = false, limit: Int? = nil) {
        self.color = color
        self.limit = limit
    }

    package static func score(_ x: Double) -> String {
        let thousandths = Int((x * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    public func render(_ run: LintResult) -> String {
        let groups = Triage.rank(run)
        let findings = groups.reduce(0) { $0 + $1.rows.reduce(0) { $0 + $1.findings.count } }
        let rows = groups.reduce(0) { $0 + $1.rows.count }
        var out =
            "\(findings) finding\(findings == 1 ? "" : "s") on \(rows) row\(rows == 1 ? "" : "s") in \(groups.count) group\(groups.count == 1 ? "" : "s"), most likely wrong first\n"
        let shown = limit.map { Array(groups.prefix($0)) } ?? groups
        for (n, group) in shown.enumerated() {
            out += "\n\(paint("\(n + 1). \(group.title)", "1"))  score \(Self.score(group.score))\n"
            for row in group.rows {
                let label = Triage.rowLabel(row)
                out +=
                    "   \(row.path):\(row.page.map { "page \($0.page):\($0.line)" } ?? "\(row.line)")\(label.isEmpty ? "" : " · \(label)")  row score \(Self.score(row.score))\n"
                for finding in row.findings {
                    let tag = paint("\(finding.severity.rawValue)[\(finding.rule)]", severityCode(finding.severity))
                    out +=
                        "     \(Self.score(finding.score))  \(tag) \(finding.location.place): \(Triage.withoutSubject(finding, in: group))\n"
                    for note in finding.notes {
                        out += "            note: \(note.message)\(note.location.map { " (\($0))" } ?? "")\n"
                    }
                }
            }
        }
        if shown.count < groups.count {
            out += "\n… and \(groups.count - shown.count) more group\(groups.count - shown.count == 1 ? "" : "s") (all of them: --top 0)\n"
        }
        out += "\n" + run.summaryLine + "\n"
        return out
    }
}
