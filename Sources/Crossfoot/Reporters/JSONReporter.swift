/// The stable, machine-readable report: tool, summary (with counts per rule), findings, and the
/// inputs that could not be read.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ run: Linter.Run) -> String {
        var w = JSONWriter()
        w.open("{")
        w.open("{", key: "tool")
        w.string(CrossfootVersion.name, key: "name")
        w.string(CrossfootVersion.version, key: "version")
        w.close("}")
        w.open("{", key: "summary")
        w.int(run.files.count, key: "files")
        w.int(run.tables, key: "tables")
        w.int(run.rows, key: "rows")
        w.int(run.ruleCount, key: "rules")
        w.int(run.count(.error), key: "errors")
        w.int(run.count(.warning), key: "warnings")
        w.int(run.count(.info), key: "infos")
        w.int(run.inputErrors.count, key: "unreadable")
        w.open("{", key: "by_rule")
        for (rule, count) in run.countsByRule { w.int(count, key: rule) }
        w.close("}")
        w.close("}")
        w.open("[", key: "findings")
        for finding in Finding.sorted(run.findings) {
            Self.write(finding, into: &w)
        }
        w.close("]")
        w.open("[", key: "problems")
        for problem in run.inputErrors {
            w.open("{")
            w.string(problem.path, key: "file")
            if let location = problem.location {
                w.int(location.line, key: "line")
                w.int(location.column, key: "column")
            }
            w.string(problem.message, key: "message")
            w.close("}")
        }
        w.close("]")
        w.close("}")
        return w.text + "\n"
    }

    static func write(_ finding: Finding, into w: inout JSONWriter) {
        w.open("{")
        w.string(finding.rule, key: "rule")
        w.string(finding.check, key: "check")
        w.string(finding.severity.rawValue, key: "severity")
        w.string(finding.message, key: "message")
        w.open("{", key: "location")
        w.string(finding.location.path, key: "file")
        w.int(finding.location.line, key: "line")
        w.int(finding.location.column, key: "column")
        w.int(finding.endLocation.line, key: "end_line")
        w.int(finding.endLocation.column, key: "end_column")
        w.close("}")
        if let table = finding.table { w.string(table, key: "table") } else { w.null(key: "table") }
        if let column = finding.column { w.string(column, key: "column") } else { w.null(key: "column") }
        w.open("{", key: "row")
        for cell in finding.row { w.string(cell.text, key: cell.name) }
        w.close("}")
        value(finding.actual, key: "actual", into: &w)
        value(finding.expected, key: "expected", into: &w)
        w.close("}")
    }

    static func value(_ v: Finding.Value, key: String, into w: inout JSONWriter) {
        switch v {
        case .missing: w.null(key: key)
        case .number(let n): w.number(n, key: key)
        case .text(let s): w.string(s, key: key)
        }
    }
}
