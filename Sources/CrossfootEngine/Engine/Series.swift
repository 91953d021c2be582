import CrossfootBase
import CrossfootRules
import CrossfootTables

/// Rules across years (`carryover`, `swing`): each row is compared with the row of the same
/// key one year earlier, in any input of the run about the same operation — `crossfoot lint
/// 2023/ 2024/` — or in the same file when it holds several years.
package enum Series {
    /// Where a kept row is: which file, which table of kept rows, which row.
    private struct Place {
        var file: Int
        var key: Evaluation.StateKey
        var row: Int
    }

    private struct GroupKey: Hashable {
        var series: String
        var table: String
        var on: [Value]
    }

    /// Checks every rule across years, adding its findings to the files they point at.
    package static func check(_ ruleSet: RuleSet, files: inout [Linter.FileResult], wording: any FindingWording) {
        let indices = ruleSet.rules.indices.filter { ruleSet.rules[$0].isSeries }
        guard !indices.isEmpty else { return }
        var tables: [Int: [Evaluation.StateKey: Table]] = [:]
        var added: [Int: [Finding]] = [:]
        for index in indices {
            let rule = ruleSet.rules[index]
            guard let join = rule.join else { continue }
            // Every kept row, by series, table and key, then by year.
            var years: [GroupKey: [Value: Place]] = [:]
            var order: [(GroupKey, Value, Place)] = []
            for (f, file) in files.enumerated() {
                let series = file.operation ?? "file \(file.path)"
                for (key, rows) in file.series where key.rule == index {
                    if tables[f]?[key] == nil { tables[f, default: [:]][key] = rows.table }
                    for row in 0..<rows.count {
                        let values = rows.keys[row]
                        guard let year = values.last, !year.isMissing else { continue }
                        let group = GroupKey(series: series, table: key.table, on: Array(values.dropLast()))
                        let place = Place(file: f, key: key, row: row)
                        if years[group, default: [:]][year] == nil { years[group, default: [:]][year] = place }
                        order.append((group, year, place))
                    }
                }
            }
            for (group, year, place) in order {
                guard let known = years[group], let previous = previousYear(year, among: Array(known.keys)), let partner = known[previous],
                    let table = tables[place.file]?[place.key], let partnerTable = tables[partner.file]?[partner.key]
                else { continue }
                let builder = FindingBuilder(
                    rule: rule, table: table, partner: partnerTable, presentation: ruleSet.presentation(for: table.name),
                    partnerPresentation: ruleSet.presentation(for: partnerTable.name), explains: ruleSet.explains, wording: wording)
                var evaluator = RowEvaluator(own: table, partner: partnerTable)
                evaluator.row = place.row
                evaluator.partnerRow = partner.row
                let bind: (IRExpr) -> BoundExpr = { e in
                    BoundExpr.bind(e, own: { table.columnIndex($0) }, partner: { partnerTable.columnIndex($0) }, alias: join.alias)
                }
                for assertion in rule.assertions {
                    switch evaluator.evaluate(bind(assertion.condition)) {
                    case .bool(false):
                        added[place.file, default: []].append(builder.finding(for: assertion, row: place.row, evaluator: evaluator, missing: false))
                    case .bool(true): continue
                    default:
                        if rule.missing == .fail {
                            added[place.file, default: []].append(builder.finding(for: assertion, row: place.row, evaluator: evaluator, missing: true))
                        }
                    }
                }
            }
        }
        for f in added.keys { added[f] = annotateReversals(added[f] ?? [], wording: wording) }
        for (f, findings) in added {
            files[f].findings = Finding.sorted(files[f].findings + findings)
        }
    }

    /// A swing away and straight back — down 45% in 2020, up 74% in 2021 — is one odd year,
    /// not two changes: the first finding says so, naming the year likely wrong.
    package static func annotateReversals(_ findings: [Finding], wording: any FindingWording) -> [Finding] {
        var result = findings
        for i in result.indices where result[i].check == CheckKind.swing.rawValue {
            guard let (before, value) = pair(result[i]) else { continue }
            for j in result.indices
            where j != i && result[j].check == CheckKind.swing.rawValue && result[j].rule == result[i].rule && result[j].column == result[i].column {
                // The next year's finding compares with this one's cell.
                guard let next = result[j].notes.first?.location, next == result[i].location, let (_, after) = pair(result[j]) else { continue }
                let down = value < before
                let backUp = after > value
                guard down == backUp else { continue }
                let thisYear = result[i].row.first { $0.name == "year" }?.text ?? "this year"
                let nextYear = result[j].row.first { $0.name == "year" }?.text ?? "the next year"
                result[i].notes.append(
                    FindingNote(wording.swingsBack(SwingFacts(backUp: backUp, thisYear: thisYear, nextYear: nextYear)), at: result[j].location))
            }
        }
        return result
    }

    private static func pair(_ finding: Finding) -> (before: Number, value: Number)? {
        guard case .number(let value) = finding.actual, case .number(let before) = finding.expected else { return nil }
        return (before, value)
    }

    /// The year before `year`: one less when years are whole numbers, else the one before it in
    /// order.
    package static func previousYear(_ year: Value, among years: [Value]) -> Value? {
        if let n = number(year), n.rounded(toDecimals: 0) == n {
            let before = n - .one
            return years.first { number($0) == before }
        }
        let sorted = years.sorted { text($0) < text($1) }
        guard let i = sorted.firstIndex(of: year), i > 0 else { return nil }
        return sorted[i - 1]
    }

    private static func number(_ v: Value) -> Number? {
        switch v {
        case .number(let i): return i.mid
        case .text(let s):
            if case .number(let n, _) = CellText.parse(s) { return n }
            return nil
        default: return nil
        }
    }

    private static func text(_ v: Value) -> String {
        switch v {
        case .text(let s): return s
        case .number(let i): return i.mid.description
        default: return ""
        }
    }
}
