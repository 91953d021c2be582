import CrossfootBase
import CrossfootRules
import CrossfootTables

/// The `unchecked-table` finding: a table with rows that no loaded rule reads — no rule's
/// `table` is its name or a pattern matching it, and no rule joins it — so that a file whose
/// rows nothing checks is never a silent zero.
package enum UncheckedTables {
    package static let rule = "unchecked-table"

    /// Whether some loaded rule reads the table.
    package static func isRead(_ table: String, by ruleSet: RuleSet) -> Bool {
        ruleSet.rules.contains { Glob.matches($0.table, table) || $0.join?.table == table }
    }

    /// One finding for each table of a dataset with rows that no rule reads, at its header when
    /// the reader knows it (a CSV file's), or else at the first cell of its first row's line
    /// (a report's `operation` and `year` cells lie far above the row, under its title).
    package static func findings(_ dataset: Dataset, ruleSet: RuleSet, wording: any FindingWording) -> [Finding] {
        var seen: Set<String> = []
        var found: [Finding] = []
        for table in dataset.tables where seen.insert(table.name).inserted && !isRead(table.name, by: ruleSet) {
            let parts = dataset.tables.filter { $0.name == table.name }
            let rows = parts.reduce(0) { $0 + $1.rowCount }
            guard rows > 0 else { continue }
            let header = dataset.headers.first { $0.table == table.name }
            let first = parts.first { $0.rowCount > 0 && !$0.columns.isEmpty }
            let location = header?.location ?? first.flatMap(firstCell) ?? SourceLocation(path: dataset.source.path, line: 1, column: 1)
            found.append(finding(table.name, rows: rows, at: location, nearMiss: header?.nearMiss, wording: wording))
        }
        return found
    }

    /// The first cell on the line of the table's first row.
    private static func firstCell(_ table: Table) -> SourceLocation? {
        table.columns.indices.map { table.location(row: 0, column: $0) }.min { ($1.line, $0.column) < ($0.line, $1.column) }
    }

    /// The finding of a streamed CSV file's table, when no rule reads it.
    package static func findings(_ header: CSVHeader, rows: Int, ruleSet: RuleSet, wording: any FindingWording) -> [Finding] {
        guard rows > 0, !isRead(header.schema.name, by: ruleSet) else { return [] }
        return [finding(header.schema.name, rows: rows, at: header.location, nearMiss: header.nearMiss, wording: wording)]
    }

    private static func finding(
        _ table: String, rows: Int, at location: SourceLocation, nearMiss: TableHeader.NearMiss?, wording: any FindingWording
    )
        -> Finding
    {
        let file = location.path.split(separator: "/").last.map(String.init) ?? location.path
        let message = wording.uncheckedTable(UncheckedTableFacts(file: file, table: table, rows: rows, nearMiss: nearMiss))
        return Finding(rule: rule, check: "input", severity: .warning, message: message, location: location, table: table)
    }
}
