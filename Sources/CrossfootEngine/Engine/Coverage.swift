import CrossfootBase
import CrossfootRules
import CrossfootTables

/// The `coverage` check: in each group of indicators (`among`, such as one impact area), a
/// country (`by`) that every other indicator has a row for but one does not. The finding points
/// at that indicator's first cell of `across` — in a report, the indicator's title row.
package enum Coverage {
    private struct Indicator {
        var code: String
        var firstRow: Int
        /// The `by` values present, in order of first appearance.
        var members: [String] = []
        var memberSet: Set<String> = []
        /// The `by` cells of the first row naming each member, to describe the absent row.
        var memberCells: [String: [String]] = [:]
    }

    package static func check(
        _ rule: IRRule, _ state: Evaluation.GroupState, by: [String], across: String, minOthers: Int, presentation: TablePresentation,
        wording: any FindingWording
    ) -> [Finding] {
        let table = state.pending.table
        guard let acrossIndex = table.columnIndex(across) else { return [] }
        let byIndices = by.compactMap { table.columnIndex($0) }
        let amongIndices = (rule.group?.keys ?? []).compactMap { key -> Int? in
            if case .column(let c) = key { return table.columnIndex(c.name) }
            return nil
        }
        guard byIndices.count == by.count else { return [] }
        func text(_ row: Int, _ column: Int) -> String { FindingBuilder.displayText(table, row: row, column: column) }

        // Groups and their indicators, in order of first appearance.
        var groupOrder: [[String]] = []
        var groups: [[String]: [Indicator]] = [:]
        for row in 0..<table.rowCount {
            let among = amongIndices.map { text(row, $0) }
            guard !among.contains(where: \.isEmpty) else { continue }
            let code = text(row, acrossIndex)
            let cells = byIndices.map { text(row, $0) }
            guard !code.isEmpty, !cells.contains(where: \.isEmpty) else { continue }
            let member = cells.joined(separator: "\u{1F}")
            if groups[among] == nil {
                groups[among] = []
                groupOrder.append(among)
            }
            if let i = groups[among]?.firstIndex(where: { $0.code == code }) {
                if groups[among]?[i].memberSet.insert(member).inserted == true {
                    groups[among]?[i].members.append(member)
                    groups[among]?[i].memberCells[member] = cells
                }
            } else {
                groups[among]?.append(Indicator(code: code, firstRow: row, members: [member], memberSet: [member], memberCells: [member: cells]))
            }
        }

        // Group columns with one value in the whole table (the operation and year of a report)
        // say nothing in a message.
        let varying = amongIndices.indices.filter { k in Set(groupOrder.map { $0[k] }).count > 1 }
        var findings: [Finding] = []
        for among in groupOrder {
            guard let indicators = groups[among], indicators.count > minOthers else { continue }
            for (i, indicator) in indicators.enumerated() {
                let others = indicators.enumerated().filter { $0.offset != i }.map(\.element)
                var seen: Set<String> = []
                for other in others {
                    for member in other.members where !indicator.memberSet.contains(member) && seen.insert(member).inserted {
                        guard others.allSatisfy({ $0.memberSet.contains(member) }), let cells = other.memberCells[member] else { continue }
                        findings.append(
                            finding(
                                rule, table, indicator: indicator, others: others.map(\.code), among: varying.map { among[$0] }, byIndices: byIndices,
                                cells: cells,
                                acrossIndex: acrossIndex, presentation: presentation, wording: wording))
                    }
                }
            }
        }
        return findings
    }

    private static func finding(
        _ rule: IRRule, _ table: Table, indicator: Indicator, others: [String], among: [String], byIndices: [Int], cells: [String],
        acrossIndex: Int, presentation: TablePresentation, wording: any FindingWording
    ) -> Finding {
        let (start, end) = table.locations(row: indicator.firstRow, column: acrossIndex)
        let message = wording.coverage(
            CoverageFacts(label: presentation.label(table.columns[acrossIndex].name), code: indicator.code, absent: cells, scope: among, others: others))
        // The row that is missing: the indicator's group cells and code, with the absent
        // member's values; its other cells empty, so the finding's identity does not depend on
        // which of the indicator's rows comes first.
        let kept = Set((rule.group?.keys ?? []).flatMap(\.columns).map(\.name) + [table.columns[acrossIndex].name])
        let row = table.columns.indices.map { c -> (name: String, text: String) in
            let column = table.columns[c].name
            if let k = byIndices.firstIndex(of: c) { return (column, cells[k]) }
            return (column, kept.contains(column) ? FindingBuilder.displayText(table, row: indicator.firstRow, column: c) : "")
        }
        return Finding(
            rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: message, location: start, endLocation: end,
            table: table.name, column: table.columns[acrossIndex].name, row: row, actual: .text(indicator.code))
    }
}
