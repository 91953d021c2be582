import CrossfootBase
import CrossfootRules

/// The input formats Crossfoot reads.
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    /// Text of an annual results report: markdown headings and tab-separated tables.
    case report
    /// RFC 4180 CSV with a header row.
    case csv
    /// Chart series as JSON, in a `.json` file or inside a saved web page.
    case chart
    /// Rows as JSON objects with the same keys: an array of them, or JSON Lines (one a line).
    case jsonRows = "json-rows"
    /// A results report as a PDF, read through poppler as text laid out by where its words are
    /// drawn; positions carry their page.
    case pdf
    /// An XLSX workbook: every worksheet is a candidate table.
    case xlsx
}
