import CrossfootBase
import CrossfootEngine
import CrossfootTables

/// Every finding as a row of CSV, for the spreadsheet a reporting officer already has open:
/// `file,sheet,line,cell,rule,severity,message,value,expected,score,notes`, nothing else.
///
/// `line` is the line a user finds the value on (the sheet row in a workbook, the line within its
/// page in a PDF); `cell` is the workbook address (`E12`), or `page 2:14:48` / `83:48` elsewhere.
/// Numbers are written as numbers. A text cell that a spreadsheet would take for a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after a `'`.
public struct CSVFindingsReporter: Reporter {
    public static let header = ["file", "sheet", "line", "cell", "rule", "severity", "message", "value", "expected", "score", "notes"]

    let context: ReportContext

    public init(context: ReportContext = ReportContext()) {
        self.context = context
    }

    public func render(_ run: LintResult) -> String {
        var out = Self.header.joined(separator: ",") + "\n"
        run.forEachFinding { f in
            out += Self.row(f, context: context).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A finding's cells, each already written as CSV.
    package static func row(_ f: Finding, context: ReportContext) -> [String] {
        [
            text(context.paths.relative(f.location.path)),
            text(f.location.sheet ?? ""),
            String(f.location.shownLine),
            text(f.location.cell ?? f.location.place),
            text(f.rule),
            text(f.severity.rawValue),
            text(f.message),
            value(f.actual),
            value(f.expected),
            number(JSONReporter.score(f.score)),
            text(f.notes.map(\.message).joined(separator: " | ")),
        ]
    }

    /// A text cell: guarded against being read as a formula, then quoted when needed.
    package static func text(_ s: String) -> String {
        CSVWriter.field(formulaSafe(s))
    }

    /// `'` before text a spreadsheet would evaluate (OWASP's CSV injection advice).
    package static func formulaSafe(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return s }
        return "'" + s
    }

    static func value(_ v: Finding.Value) -> String {
        switch v {
        case .missing: ""
        case .number(let n): number(n)
        case .text(let s): text(s)
        }
    }

    /// A number as JSON writes it (plain digits, no grouping), which every spreadsheet reads.
    static func number(_ n: Number) -> String {
        var w = JSONWriter(pretty: false)
        w.number(n)
        return w.text
    }
}
