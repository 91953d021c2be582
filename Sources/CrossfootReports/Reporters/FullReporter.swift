import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// Findings for people at a terminal, like a compiler's: the source line with the cell
/// underlined, what was expected against what was found, and the evidence.
///
///     warning[steep-drop]: Uzbekistan, Refugees and Asylum-seekers — 1.2 …: actual 0.06% is 99.94 points below the baseline 100.00%
///       --> report.md:83:48
///        |
///     83 | Uzbekistan    Refugees and Asylum-seekers    100.00%        0.06%
///        |                                                             ^^^^^
///        = expected at most 50 points below the baseline 100.00%, found 0.06%
public struct FullReporter: Reporter, Painting {
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    public func render(_ run: LintResult) -> String {
        let lines = SourceLines(run.sources)
        var out = ""
        run.forEachFinding { finding in
            out += block(finding, lines: lines) + "\n"
        }
        for a in run.accepted.sorted(by: { Finding.ordered($0.finding, $1.finding) }) {
            out += "\(paint("accepted[\(a.finding.rule)]", "1;32")): \(a.finding.message)\n  --> \(a.finding.location)\n   = accepted: \(a.reason)\n\n"
        }
        for entry in run.stale {
            let what = entry.column.map { "\($0) \(entry.value.isEmpty ? "(empty)" : entry.value)" } ?? entry.value
            out +=
                "\(paint("stale[\(entry.rule)]", "1;35")): the baseline entry for \(what) no longer matches a finding; remove it from the baseline\n  --> \(entry.path)\n\n"
        }
        for a in run.unusedAccepts {
            out +=
                "\(paint("unused-accept[\(a.rule.value)]", "1;35")): this accept entry matches no finding; remove it if the data was fixed\n  --> \(a.location)\n\n"
        }
        out += run.summaryLine + "\n"
        return out
    }

    package func block(_ finding: Finding, lines: SourceLines) -> String {
        let header = "\(paint("\(finding.severity.rawValue)[\(finding.rule)]", severityCode(finding.severity))): \(finding.message)"
        var out = header + "\n"
        let location = finding.location
        let number = String(location.shownLine)
        let gutter = String(repeating: " ", count: number.count)
        out += "\(gutter)\(paint("-->", "1;34")) \(location)\n"
        if let source = lines.line(location.path, location.line) {
            let end = finding.endLocation.line == location.line ? finding.endLocation.column : location.column + 1
            let (shown, start, stop) = SourceLines.excerpt(source, from: location.column, to: end)
            let bar = paint("|", "1;34")
            out += "\(gutter) \(bar)\n"
            out += "\(paint(number, "1;34")) \(bar) \(shown)\n"
            let carets = String(repeating: "^", count: max(1, stop - start))
            out += "\(gutter) \(bar) \(String(repeating: " ", count: start))\(paint(carets, severityCode(finding.severity)))\n"
        }
        let equals = paint("=", "1;34")
        if let expectation = finding.expectation { out += "\(gutter) \(equals) \(expectation)\n" }
        for note in finding.notes {
            out += "\(gutter) \(equals) note: \(note.message)\(note.location.map { " (\($0))" } ?? "")\n"
        }
        return out
    }
}
