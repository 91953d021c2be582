import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// The rules readers apply while reading, and the engine while it looks at what was read,
/// described like pack rules for reports and commands that list rules. Their findings have the
/// check kind `input`.
public enum BuiltInRules {
    public struct Description: Sendable {
        public var id: String
        public var severity: Severity
        public var summary: String
    }

    public static let all: [Description] = [
        Description(id: "report-year", severity: .warning, summary: "A column header's year (Actual (2023)) differs from the report's year."),
        Description(id: "report-layout", severity: .warning, summary: "A table row of a report has no indicator title above it, so it cannot be checked."),
        Description(
            id: "unread-table", severity: .error,
            summary: "A report has indicator sections but no indicator row could be read, or a table header whose columns cannot be told apart."),
        Description(id: "unread-row", severity: .warning, summary: "A line of a report holds numbers like a table row but was not read as one."),
        Description(id: "ragged-row", severity: .error, summary: "A CSV row has more or fewer fields than the header."),
        Description(id: "duplicate-column", severity: .error, summary: "A CSV header names a column twice; rules see only the first."),
        Description(
            id: "object-keys", severity: .warning,
            summary:
                "An item of a JSON rows file is not an object, or its keys differ from the first object's: a missing key is an empty cell, another key is not checked."
        ),
        Description(
            id: "formula-error", severity: .error,
            summary: "A workbook cell holds an error value (#DIV/0!, #REF!, #N/A …): its formula failed, so the cell is read as empty."),
        Description(
            id: "formula-not-computed", severity: .warning,
            summary:
                "A workbook cell holds a formula with no computed value (the file was written by a program and never opened in a spreadsheet), so the cell is read as empty."
        ),
        Description(
            id: "unchecked-table", severity: .warning,
            summary:
                "A table has rows that no loaded rule reads (no rule's table matches its name and none joins it), so none of them is checked; "
                + "a CSV header with most but not all of the indicators or financials columns names the ones it lacks and the header names that would map them."
        ),
    ]

    public static func named(_ id: String) -> Description? { all.first { $0.id == id } }
}

extension Severity {
    /// The SARIF level: error, warning or note.
    package var sarifLevel: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}
