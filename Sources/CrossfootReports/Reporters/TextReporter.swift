import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// One finding a line, compiler style, sorted by file, line and column, then a summary line:
///
///     report.md:83:48: warning[steep-drop]: Uzbekistan, …: actual 0.06% is 99.94 points below the baseline 100.00%
///     0 errors, 6 warnings, 2 infos in 1 file; 91 rows checked by 12 rules
public struct TextReporter: Reporter, Painting {
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    public func line(_ finding: Finding) -> String {
        let label = paint("\(finding.severity.rawValue)[\(finding.rule)]", severityCode(finding.severity))
        return "\(paint(finding.location.description, "1")): \(label): \(finding.message)"
    }

    public func render(_ run: LintResult) -> String {
        var out = ""
        run.forEachFinding { out += line($0) + "\n" }
        for a in run.accepted.sorted(by: { Finding.ordered($0.finding, $1.finding) }) {
            out +=
                "\(paint(a.finding.location.description, "1")): \(paint("accepted[\(a.finding.rule)]", "1;32")): \(a.finding.message) — accepted: \(a.reason)\n"
        }
        for entry in run.stale {
            let what = entry.column.map { "\($0) \(entry.value.isEmpty ? "(empty)" : entry.value)" } ?? entry.value
            out +=
                "\(entry.path): \(paint("stale[\(entry.rule)]", "1;35")): the baseline entry for \(what) (\(zip(entry.keyNames, entry.key).map { "\($0) \($1)" }.joined(separator: ", "))) no longer matches a finding; remove it from the baseline\n"
        }
        for a in run.unusedAccepts {
            out += "\(a.location): \(paint("unused-accept[\(a.rule.value)]", "1;35")): this accept entry matches no finding; remove it if the data was fixed\n"
        }
        out += run.summaryLine + "\n"
        return out
    }
}
