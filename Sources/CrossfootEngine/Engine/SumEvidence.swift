import CrossfootBase
import CrossfootRules
import CrossfootTables

/// When a total does not add up, which cell is most likely wrong, and why: a part that would
/// reconcile with two adjacent digits swapped (the difference is then a multiple of 9), a part
/// counted twice or left out of the total, a part whose own percentage fails to recompute too.
/// Each is a clue, pointing at that cell, that the wording turns into a note on the sum's finding.
package struct SumEvidence {
    /// One part of the group: its row among the kept parts.
    package struct Part {
        package var row: Int
        package var value: Number
        package var text: String
    }

    package let table: Table
    package let column: Int
    package let label: (Int) -> String
    package let presentation: TablePresentation
    /// The ratio rules that read the summed column directly, to recompute a part's percentage.
    package let ratios: [(rule: IRRule, ratio: Int, numerator: Int?, denominator: Int?, scale: Number, decimals: Int?)]
    /// Cells with a ratio finding, by line and column.
    package let failedRatios: Set<[Int]>

    /// The cells of a file with a ratio finding, by table, line and column: computed once per
    /// file, only when a total does not add up.
    package static func failedRatios(_ findings: [Finding]) -> [String: Set<[Int]>] {
        var result: [String: Set<[Int]>] = [:]
        for f in findings where f.check == CheckKind.ratio.rawValue {
            result[f.table ?? "", default: []].insert([f.location.line, f.location.column])
        }
        return result
    }

    package init(parts table: Table, column: Int, ruleSet: RuleSet, failedRatios: Set<[Int]>, label: @escaping (Int) -> String) {
        self.table = table
        self.column = column
        self.label = label
        presentation = ruleSet.presentation(for: table.name)
        let name = table.columns[column].name
        var ratios: [(rule: IRRule, ratio: Int, numerator: Int?, denominator: Int?, scale: Number, decimals: Int?)] = []
        for rule in ruleSet.rules where Glob.matches(rule.table, table.name) {
            for assertion in rule.assertions {
                guard case .ratio(.column(let n), .column(let d), let scale, let decimals, _) = assertion.detail,
                    n.alias == nil, d.alias == nil, n.name == name || d.name == name,
                    let ratio = table.columnIndex(assertion.cell.name)
                else { continue }
                ratios.append((rule, ratio, table.columnIndex(n.name), table.columnIndex(d.name), scale, decimals))
            }
        }
        self.ratios = ratios
        self.failedRatios = failedRatios
    }

    /// The clues for a total `total` that differs from `sum`, allowing `slack` for rounding.
    package func clues(total: Number, totalText: String, sum: Number, slack: Number, parts: [Part], totalLocation: SourceLocation) -> [SumClue] {
        let difference = total - sum
        guard !difference.isZero else { return [] }
        var notes: [SumClue] = []
        func reconciles(_ change: Number) -> Bool { (difference - change).magnitude <= slack }
        let columnLabel = presentation.label(table.columns[column].name)

        // Adjacent digits swapped in a part: replacing it by the swapped value adds up.
        for part in parts {
            for swapped in Self.transpositions(of: part.text) where reconciles(swapped.value - part.value) {
                notes.append(
                    .transposedPart(
                        part: label(part.row), column: columnLabel, written: part.text, swapped: swapped.text,
                        recomputed: recomputes(part: part, as: swapped.value), at: table.locations(row: part.row, column: column).start))
            }
        }
        // The total itself with two digits swapped.
        for swapped in Self.transpositions(of: totalText) where (swapped.value - sum).magnitude <= slack {
            notes.append(.transposedTotal(total: totalText, swapped: swapped.text, at: totalLocation))
        }
        // A part counted twice, or left out.
        for part in parts where !part.value.isZero {
            if reconciles(part.value) {
                notes.append(
                    .countedTwice(total: totalText, part: label(part.row), written: part.text, at: table.locations(row: part.row, column: column).start))
            } else if reconciles(-part.value) {
                notes.append(.leftOut(total: totalText, part: label(part.row), written: part.text, at: table.locations(row: part.row, column: column).start))
            }
        }
        // A part whose own percentage does not recompute either.
        if notes.isEmpty {
            for part in parts {
                for r in ratios {
                    let at = table.locations(row: part.row, column: r.ratio).start
                    guard failedRatios.contains([at.line, at.column]) else { continue }
                    let shown = FindingBuilder.displayText(table, row: part.row, column: r.ratio)
                    notes.append(
                        .ratioAlsoFails(
                            part: label(part.row), ratio: presentation.label(table.columns[r.ratio].name), ratioWritten: shown, column: columnLabel,
                            written: part.text, at: table.locations(row: part.row, column: column).start))
                }
            }
        }
        return notes
    }

    /// The part's percentage, recomputed with `value` in place of the summed cell, when that
    /// makes a failing percentage agree: `98.96%`.
    package func recomputes(part: Part, as value: Number) -> String? {
        for r in ratios {
            let at = table.locations(row: part.row, column: r.ratio).start
            guard failedRatios.contains([at.line, at.column]), let written = table.value(row: part.row, column: r.ratio).number else { continue }
            func operand(_ index: Int?) -> Number? {
                guard let index else { return nil }
                return index == column ? value : table.value(row: part.row, column: index).number
            }
            guard let n = operand(r.numerator), let d = operand(r.denominator), !d.isZero, let q = Number.divide(n * r.scale, d) else { continue }
            let decimals = r.decimals ?? max(0, -Int(written.exponent))
            if q.rounded(toDecimals: decimals) == written {
                return FindingBuilder.displayText(table, row: part.row, column: r.ratio)
            }
        }
        return nil
    }

    /// Every value the text could have been with two adjacent, different digits swapped, written
    /// the same way (`671,948` → `761,948`, `617,948`, …).
    package static func transpositions(of text: String) -> [(text: String, value: Number)] {
        let chars = Array(text)
        let digits = chars.indices.filter { chars[$0].isASCII && chars[$0].isNumber }
        guard digits.count >= 2 else { return [] }
        var result: [(String, Number)] = []
        for k in 0..<(digits.count - 1) {
            let i = digits[k]
            let j = digits[k + 1]
            guard chars[i] != chars[j] else { continue }
            var swapped = chars
            swapped.swapAt(i, j)
            let s = String(swapped)
            if case .number(let n, _) = CellText.parse(s) { result.append((s, n)) }
        }
        return result
    }
}
