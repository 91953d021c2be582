import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// Ranking findings for a reviewer: what is most likely wrong, first.
///
/// A finding's score is its rule's weight times its magnitude (how far off the value is), in
/// [0, 1]. A row's score combines its findings as 1 − Π(1 − sᵢ), so findings that corroborate
/// each other — a steep drop, a fraction typed as a percentage, an outlier, all on one cell —
/// raise it. Rows are grouped (for indicators: by country and indicator) and groups ordered by
/// their highest row score.
///
/// A row is one row of a table in one file, told by `Finding.rowPosition`, not by line: the years
/// of chart series written on one line are rows of their own, a JSON object is one row however
/// it is laid out, and a CSV record with a line break in a cell is one row. A finding about no
/// one row (a reader's layout warning, a missing row) joins the row of its table whose position
/// is on its line when there is exactly one (a report row, a CSV record), and is otherwise a row
/// of its own, by its line.
public enum Triage {
    /// The findings of one row of a table.
    public struct Row: Sendable {
        public var path: String
        public var table: String?
        /// The line of the row's first finding, where it is shown.
        public var line: Int
        /// The row's position (`Finding.rowPosition`); `nil` for a row made of findings about no
        /// one row, which are kept together by their line.
        public var position: SourceLocation?
        public var findings: [Finding]
        /// The page and the line on it, for a row of a PDF.
        public var page: SourceLocation.PageLine?
        /// 1 − Π(1 − sᵢ) over the row's findings.
        public var score: Double
    }

    /// Rows that belong together for a reviewer: one indicator of one country, one area of a
    /// financial table.
    public struct Group: Sendable {
        /// The values that name the group, such as `["Uzbekistan", "1.2"]`.
        public var key: [String]
        /// A title for people: `Uzbekistan — 1.2 Proportion of people who are able to move freely…`.
        public var title: String
        public var rows: [Row]
        public var score: Double { rows.map(\.score).max() ?? 0 }
        /// Where the group's first finding is, for ties.
        public var first: SourceLocation { rows.flatMap(\.findings).map(\.location).min() ?? SourceLocation(path: "", line: 0, column: 0) }
    }

    /// The columns that group rows of a table for triage, how to title a group, and what tells
    /// its rows apart.
    public static let groupings: [String: (columns: [String], title: [String], row: [String])] = [
        "indicators": (["country", "indicator_code"], ["country", "indicator_code", "indicator"], ["population_type"]),
        "financials": (["table", "area"], ["area", "table"], []),
    ]

    /// What tells a row apart within its group (for indicators: the population type).
    public static func rowLabel(_ row: Row) -> String {
        guard let table = row.table, let grouping = groupings[table], let cells = row.findings.first?.row else { return "" }
        return grouping.row.compactMap { name in cells.first { $0.name == name }?.text }.filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// A finding's message without the row's subject in front, when the group title says it.
    public static func withoutSubject(_ finding: Finding, in group: Group) -> String {
        let parts = finding.message.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !group.key.isEmpty, group.key.allSatisfy({ !$0.isEmpty }) else { return finding.message }
        // The subject may itself hold ": " (an area such as "OA3: Policy/Law"); drop through the
        // part that holds the last key value.
        var rest = Substring(finding.message)
        while let colon = rest.firstIndex(of: ":") {
            let head = finding.message[finding.message.startIndex..<colon]
            let tail = finding.message[finding.message.index(after: colon)...]
            if group.key.allSatisfy({ head.contains($0) }), tail.hasPrefix(" ") { return String(tail.dropFirst()) }
            rest = finding.message[finding.message.index(after: colon)...]
        }
        return finding.message
    }

    /// Every finding's row, grouped and ranked: groups by their highest row score, then by file,
    /// line and column; rows within a group the same way.
    public static func rank(_ run: LintResult) -> [Group] {
        // The rows whose position is on each line of each table, for findings about no one row.
        func lineKey(_ path: String, _ table: String?, _ line: Int) -> String { "\(path)\u{1F}\(table ?? "")\u{1F}\(line)" }
        var startingOn: [String: Set<SourceLocation>] = [:]
        run.forEachFinding { finding in
            guard let position = finding.rowPosition else { return }
            startingOn[lineKey(finding.location.path, finding.table, position.line), default: []].insert(position)
        }
        var rows: [String: Row] = [:]
        var rowOrder: [String] = []
        run.forEachFinding { finding in
            var position = finding.rowPosition
            if position == nil, let only = startingOn[lineKey(finding.location.path, finding.table, finding.location.line)], only.count == 1 {
                position = only.first
            }
            let place = position.map { "\($0.line):\($0.column)" } ?? "\(finding.location.line)"
            let key = "\(finding.location.path)\u{1F}\(finding.table ?? "")\u{1F}" + place
            if rows[key] == nil {
                rows[key] = Row(
                    path: finding.location.path, table: finding.table, line: finding.location.line, position: position, findings: [],
                    page: finding.location.page, score: 0)
                rowOrder.append(key)
            }
            rows[key]?.findings.append(finding)
        }
        var groups: [String: Group] = [:]
        var groupOrder: [String] = []
        for key in rowOrder {
            guard var row = rows[key] else { continue }
            row.score = FindingScore.rounded(1 - row.findings.reduce(1.0) { $0 * (1 - $1.score) })
            row.findings.sort { ($0.score, $1.rule) > ($1.score, $0.rule) }
            let (groupKey, title) = naming(row)
            let id = "\(row.path)\u{1F}\(row.table ?? "")\u{1F}" + groupKey.joined(separator: "\u{1F}")
            if groups[id] == nil {
                groups[id] = Group(key: groupKey, title: title, rows: [])
                groupOrder.append(id)
            }
            groups[id]?.rows.append(row)
        }
        var result = groupOrder.compactMap { groups[$0] }
        for g in result.indices {
            result[g].rows.sort { a, b in
                if a.score != b.score { return a.score > b.score }
                if (a.path, a.line) != (b.path, b.line) { return (a.path, a.line) < (b.path, b.line) }
                // Rows on one line (the years of a chart): by where their first findings are.
                let first = { (row: Row) in row.findings.map(\.location).min() ?? SourceLocation(path: row.path, line: row.line, column: 0) }
                return first(a) < first(b)
            }
        }
        result.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            return a.first < b.first
        }
        return result
    }

    /// A row's group key and title: its table's grouping columns, or the row itself.
    package static func naming(_ row: Row) -> (key: [String], title: String) {
        let cells = row.findings.first?.row ?? []
        func cell(_ name: String) -> String? { cells.first { $0.name == name }?.text }
        if let table = row.table, let grouping = groupings[table], grouping.columns.allSatisfy({ cell($0) != nil }) {
            let key = grouping.columns.compactMap(cell)
            var parts = grouping.title.compactMap(cell).filter { !$0.isEmpty }
            if table == "indicators", parts.count == 3 {
                let title = parts[2].count > 60 ? String(parts[2].prefix(59)) + "…" : parts[2]
                parts = [parts[0], "\(parts[1]) \(title)"]
            }
            return (key, parts.joined(separator: " — "))
        }
        let key = [row.position.map { "\(row.path):\($0.line):\($0.column)" } ?? "\(row.path):\(row.line)"]
        let subject =
            row.findings.first.map { f -> String in
                let parts = f.message.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[1].hasPrefix(" ") { return String(parts[0]) }
                return "\(row.table ?? "row") at line \(row.line)"
            } ?? ""
        return (key, subject)
    }
}
