import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// Turns a lint run into text in one output format.
public protocol Reporter: Sendable {
    /// The complete output for `run`.
    func render(_ run: LintResult) -> String

    /// The same as UTF-8 bytes, ready to write.
    func renderBytes(_ run: LintResult) -> [UInt8]

    /// The same bytes in pieces, written one after another: a large report need not be put
    /// together in memory first.
    func renderParts(_ run: LintResult) -> [[UInt8]]
}

extension Reporter {
    public func renderBytes(_ run: LintResult) -> [UInt8] {
        Array(render(run).utf8)
    }

    public func renderParts(_ run: LintResult) -> [[UInt8]] {
        [renderBytes(run)]
    }
}

/// The output formats, by the name `--format` takes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, full, json, sarif, github, junit, gitlab, jsonl, markdown, html, triage, csv, xlsx

    /// - Parameter path: where the report is written; an XLSX report's links are relative to it.
    public func reporter(color: Bool = false, context: ReportContext = ReportContext(), path: String? = nil) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color)
        case .full: FullReporter(color: color)
        case .triage: TriageReporter(color: color)
        case .html: HTMLReporter(context: context)
        case .json: JSONReporter(jobs: context.jobs)
        case .sarif: SARIFReporter(context: context)
        case .github: GitHubReporter(context: context)
        case .junit: JUnitReporter(context: context)
        case .gitlab: GitLabReporter(context: context)
        case .jsonl: JSONLinesReporter()
        case .markdown: MarkdownReporter(context: context)
        case .csv: CSVFindingsReporter(context: context)
        case .xlsx: XLSXFindingsReporter(context: context, reportPath: path)
        }
    }
}

/// The tool's name and version, as reports carry them.
public enum CrossfootVersion {
    public static let name = "crossfoot"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/crossfoot/crossfoot"
}
