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

    /// A failing assertion of one row of a series.
    private struct Failure {
        var file: Int
        var finding: Finding
        /// Where it sits in its series: `nil` for a row whose condition missed a value.
        var key: FailureKey?
        /// Whether the next year fails the same assertion the other way.
        var reversed = false
    }

    private struct FailureKey: Hashable {
        var group: GroupKey
        var year: Value
        var assertion: Int
    }

    /// Checks every rule across years, adding its findings to the files they point at.
    package static func check(_ ruleSet: RuleSet, files: inout [Linter.FileResult], wording: any FindingWording) {
        let indices = ruleSet.rules.indices.filter { ruleSet.rules[$0].isSeries }
        guard !indices.isEmpty else { return }
        var tables: [Int: [Evaluation.StateKey: Table]] = [:]
        var added: [Int: [Finding]] = [:]
        for index in indices {
            let rule = ruleSet.rules[index]
            guard let join = rule.join, let over = join.previous else { continue }
            // One year across every input (a single report) leaves nothing to compare.
            var firstYear: Value?
            var severalYears = false
            for file in files where !severalYears {
                for (key, rows) in file.series where key.rule == index && !severalYears {
                    for row in 0..<rows.count {
                        guard let year = rows.keys[row].last, !year.isMissing else { continue }
                        if let firstYear, firstYear != year {
                            severalYears = true
                            break
                        }
                        firstYear = year
                    }
                }
            }
            guard severalYears else { continue }
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
            var failures: [Failure] = []
            var failed: [FailureKey: Int] = [:]
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
                for (a, assertion) in rule.assertions.enumerated() {
                    switch evaluator.evaluate(bind(assertion.condition)) {
                    case .bool(false):
                        let key = FailureKey(group: group, year: year, assertion: a)
                        if failed[key] == nil { failed[key] = failures.count }
                        let finding = builder.finding(for: assertion, row: place.row, evaluator: evaluator, missing: false)
                        failures.append(Failure(file: place.file, finding: finding, key: key))
                    case .bool(true): continue
                    default:
                        if rule.missing == .fail {
                            let finding = builder.finding(for: assertion, row: place.row, evaluator: evaluator, missing: true)
                            failures.append(Failure(file: place.file, finding: finding, key: nil))
                        }
                    }
                }
            }
            if rule.check == .swing { pairReversals(&failures, failed: failed, years: years, over: over, wording: wording) }
            for failure in failures where !join.onlyReversals || failure.key == nil || failure.reversed {
                added[failure.file, default: []].append(failure.finding)
            }
        }
        for (f, findings) in added {
            files[f].findings = Finding.sorted(files[f].findings + findings)
        }
    }

    /// A swing away and straight back — down 45% in 2020, up 74% in 2021 — is one odd year, not
    /// two changes: the first year's finding says so, naming the year likely wrong, and is marked
    /// as reversed. The next year's finding may be in another input of the series.
    private static func pairReversals(
        _ failures: inout [Failure], failed: [FailureKey: Int], years: [GroupKey: [Value: Place]], over: String, wording: any FindingWording
    ) {
        for i in failures.indices {
            guard let key = failures[i].key, let known = years[key.group], let next = nextYear(key.year, among: Array(known.keys)),
                let j = failed[FailureKey(group: key.group, year: next, assertion: key.assertion)],
                let (before, value) = pair(failures[i].finding), let (_, after) = pair(failures[j].finding)
            else { continue }
            // The next year's finding compares with this one's value.
            let down = value < before
            let backUp = after > value
            guard down == backUp else { continue }
            let this = failures[i].finding
            let that = failures[j].finding
            let thisYear = this.row.first { $0.name == over }?.text ?? "this year"
            let nextYear = that.row.first { $0.name == over }?.text ?? "the next year"
            let nextValue = FindingBuilder.quoted(that.row.first { $0.name == that.column }?.text ?? "")
            let percent = value.isZero ? nil : ((after - value).doubleValue / abs(value.doubleValue)) * 100
            let facts = SwingFacts(backUp: backUp, thisYear: thisYear, nextYear: nextYear, nextValue: nextValue, percent: percent)
            failures[i].finding.notes.append(FindingNote(wording.swingsBack(facts), at: that.location))
            failures[i].reversed = true
        }
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

    /// The year after `year`: one more when years are whole numbers, else the one after it in
    /// order.
    package static func nextYear(_ year: Value, among years: [Value]) -> Value? {
        if let n = number(year), n.rounded(toDecimals: 0) == n {
            let after = n + .one
            return years.first { number($0) == after }
        }
        let sorted = years.sorted { text($0) < text($1) }
        guard let i = sorted.firstIndex(of: year), i + 1 < sorted.count else { return nil }
        return sorted[i + 1]
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
