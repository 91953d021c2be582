import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// The default wording of each check kind.
package struct Words {
    package let builder: FindingBuilder
    package let assertion: IRAssertion
    package let cell: IRColumn
    package let row: Int
    package let evaluator: RowEvaluator
    package let actual: Value
    package let expected: Value
    /// The row's cells as written.
    package let texts: [String]

    package init(_ facts: AssertionFacts) {
        builder = facts.cells
        assertion = facts.assertion
        cell = facts.cell
        row = facts.row
        evaluator = facts.evaluator
        actual = facts.actual
        expected = facts.expected
        texts = facts.texts
    }

    package var partnerRow: Int { evaluator.partnerRow }
    package var label: String { builder.label(cell) }
    package var value: String { display(cell) ?? "" }
    package var cellStyle: NumberStyle { display(cell).map { NumberStyle(written: $0) } ?? .plain }

    /// A cell of the row (or of its partner) as written.
    package func display(_ column: IRColumn) -> String? {
        if column.alias == nil, let index = builder.table.columnIndex(column.name), index < texts.count { return FindingBuilder.quoted(texts[index]) }
        return builder.display(column, row: row, partnerRow: partnerRow).map(FindingBuilder.quoted)
    }

    package func evaluate(_ e: IRExpr, rounding: Bool = false) -> Value {
        evaluator.evaluate(
            BoundExpr.bind(e, own: { builder.table.columnIndex($0) }, partner: { builder.partner?.columnIndex($0) }, alias: builder.rule.join?.alias),
            rounding: rounding)
    }

    /// Shows a computed number in the style of the cells it came from.
    package func show(_ v: Value, like expr: IRExpr? = nil) -> String {
        switch v {
        case .missing: return "nothing"
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return "\"\(FindingBuilder.quoted(s))\""
        case .number(let i):
            var style = expr.flatMap { builder.style(of: $0, row: row, partnerRow: partnerRow) } ?? cellStyle
            // A statistic of a group (a median of whole numbers can be 11.5) keeps up to two more
            // decimals than the cells it came from.
            var aggregated = false
            expr?.visit { if case .aggregate = $0 { aggregated = true } }
            if aggregated { style.decimals = max(style.decimals, min(style.decimals + 2, max(0, -Int(i.mid.normalized.exponent)))) }
            return style.format(i.mid)
        }
    }

    package var expectedText: String { show(expected, like: assertion.expected) }

    /// A computed sum shown like the total it is compared with.
    package var sumText: String {
        guard case .number(let i) = expected else { return show(expected) }
        return cellStyle.format(i.mid)
    }

    /// Trailing zeros after the second decimal removed: `0.10000000` → `0.10`.
    package static func trimmed(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        var result = text
        while result.hasSuffix("0"), result.distance(from: dot, to: result.endIndex) > 3 { result.removeLast() }
        return result
    }

    package var delta: Number? {
        guard let a = actual.interval?.mid, let e = expected.interval?.mid else { return nil }
        return a - e
    }

    package func placeholder(_ name: String) -> String? {
        switch name {
        case "column": return label
        case "value": return value
        case "expected": return expected.isMissing ? "" : expectedText
        case "delta":
            if case .change(let from, _, _, _, _) = assertion.detail,
                case .number(let f) = evaluate(.column(from)), case .number(let t) = actual
            {
                return cellStyle.merged(with: builder.style(from, row: row, partnerRow: partnerRow)).format((t.mid - f.mid).magnitude, percentSign: false)
            }
            return delta.map { cellStyle.format($0.magnitude, percentSign: false) } ?? ""
        case "subject": return builder.subject(row: row) ?? ""
        default:
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let column = parts.count == 2 ? IRColumn(alias: parts[0], name: parts[1]) : IRColumn(name: name)
            return display(column)
        }
    }

    package func missingText() -> String {
        let empty = assertion.condition.columns.filter { evaluate(.column($0)).isMissing }.map { builder.label($0) }
        if empty.isEmpty { return "\(label) could not be checked" }
        return "\(label) could not be checked: \(Words.list(empty)) \(empty.count == 1 ? "is" : "are") empty"
    }

    package static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    package func toleranceText(_ tolerance: IRTolerance, slack: Number?) -> String {
        switch tolerance {
        case .exact: return ""
        case .absolute(let t): return "; the tolerance is \(t)"
        case .rounding:
            guard let slack else { return "" }
            return "; rounding explains at most \(slack.normalized)"
        }
    }

    package func defaultText() -> String {
        switch assertion.detail {
        case .required:
            return "\(label) is empty"
        case .range(let min, let max):
            let percent = cellStyle.percent ? "%" : ""
            if case .number(let v) = actual {
                if let max, v.mid > max { return "\(label) \(value) is above the maximum of \(max)\(percent)" }
                if let min, v.mid < min { return "\(label) \(value) is below the minimum of \(min)\(percent)" }
            }
            return "\(label) \(value) is outside \(min.map { "\($0)" } ?? "−∞")–\(max.map { "\($0)" } ?? "∞")\(percent)"
        case .change(let from, let maxDrop, _, let maxRelativeDrop, let minBase):
            let fromLabel = builder.label(from)
            let fromText = display(from) ?? ""
            guard case .number(let f) = evaluate(.column(from)), case .number(let t) = actual else {
                return "\(label) \(value) changed too much from the \(fromLabel) \(fromText)"
            }
            let fromStyle = display(from).map { NumberStyle(written: $0) } ?? .plain
            let style = cellStyle.merged(with: fromStyle)
            let change = t.mid - f.mid
            let unit = cellStyle.percent && fromStyle.percent ? " points" : ""
            let amount = style.format(change.magnitude, percentSign: false)
            let direction = change.isNegative ? "below" : "above"
            var text = "\(label) \(value) is \(amount)\(unit) \(direction) the \(fromLabel) \(fromText)"
            if change.isNegative, let r = maxRelativeDrop, !f.mid.isZero, f.mid >= (minBase ?? .zero) {
                let beyondAbsolute = maxDrop.map { (-change) > $0 } ?? false
                let share = (Number.divide(-change * Number(100), f.mid) ?? .zero).rounded(toDecimals: 1)
                if !beyondAbsolute, -change > r * f.mid {
                    text += " (a drop of \(share.plain(decimals: 1, grouping: false))%)"
                }
            }
            return text
        case .sum(let parts, let tolerance, let down):
            var slack: Number?
            if case .rounding = tolerance, let reach = expectedReach() {
                slack = reach + (actual.interval.map { _ in cellSlack() } ?? .zero)
            }
            let off = delta.map { "off by \(Words.trimmed(cellStyle.format($0.magnitude, percentSign: false)))" } ?? ""
            if down {
                let count =
                    evaluator.aggregates.flatMap { agg -> Int? in
                        if case .aggregate(let slot, _, _) = assertion.expected { return agg.counts[slot] }
                        return nil
                    } ?? 0
                return
                    "\(label) \(value) does not match the sum of the \(count) other row\(count == 1 ? "" : "s"), \(sumText) (\(off)\(toleranceText(tolerance, slack: slack)))"
            }
            let names = parts.map { builder.describe($0) }
            return "\(label) \(value) does not match the sum of \(Words.list(names)), \(sumText) (\(off)\(toleranceText(tolerance, slack: slack)))"
        case .ratio(let numerator, let denominator, let scale, _, _):
            var formula = "\(builder.describe(numerator)) / \(builder.describe(denominator))"
            if scale != .one { formula += " × \(scale)" }
            var expectedShown = expected
            if case .number(let i) = expected { expectedShown = .number(Interval(i.mid.rounded(toDecimals: cellStyle.decimals))) }
            return "\(label) \(value) does not recompute: \(formula) = \(cellStyle.format(expectedShown.interval?.mid ?? .zero))"
        case .expect(_, let tolerance):
            if case .compare(let op, let a, let b, _) = assertion.condition {
                let left = Words.operand(a, value: actual, words: self)
                let right = Words.operand(b, value: expected, words: self)
                var text = "\(left) should \(Words.verb(op)) \(right)"
                if case .absolute(let t) = tolerance { text += " (within \(t))" }
                if case .rounding = tolerance { text += " (allowing for rounding)" }
                return text
            }
            return "the condition \(builder.describe(assertion.condition)) does not hold"
        case .outlier(let method, let threshold, _, let count, let center, _):
            let n = aggregate(count).map { Int($0.doubleValue) } ?? 0
            let centre = aggregate(center).map { cellStyle.format($0.rounded(toDecimals: cellStyle.decimals)) } ?? ""
            let score = outlierScore.map { Words.decimal($0) } ?? ""
            switch method {
            case .modifiedZ:
                return "\(label) \(value) is far from the \(n - 1) other values of its group (median \(centre); robust z-score \(score), beyond ±\(threshold))"
            case .z:
                return "\(label) \(value) is far from the \(n - 1) other values of its group (mean \(centre); z-score \(score), beyond ±\(threshold))"
            case .iqr:
                return
                    "\(label) \(value) is far outside the middle half of the \(n) values of its group (median-free quartile fence \(threshold) × IQR; \(score) IQRs out)"
            }
        case .scale:
            let reference = scaleReference.map { " (\($0.text))" } ?? ""
            return "\(label) \(value) looks like a fraction written as a percentage: \(value) — or \(asPercentage)?\(reference)"
        case .repeated(_, _, _):
            let list = repeatedIndicators
            let group = repeatedGroup
            return
                "\(label) \(value) is unusual here and the same value is unusual in \(list.count) indicators\(group.isEmpty ? "" : " of \(group)") (\(Words.list(list))): one figure in several places is more likely a slip than several real changes"
        case .coverage:
            return ""
        case .carryover(let from, _):
            let previous = display(from) ?? ""
            return
                "\(label) \(value)\(thisYear.map { " in \($0)" } ?? "") is not the \(builder.label(IRColumn(name: from.name))) of \(previousYear ?? "the year before"), \(previous.isEmpty ? "(empty)" : previous)"
        case .swing(let maxChange, _):
            let before = display(IRColumn(alias: "previous", name: cell.name)) ?? ""
            guard let p = swingPercent else { return "\(label) \(value) changed too much from \(before)" }
            let direction = p < 0 ? "falls" : "rises"
            return
                "\(label) \(direction) \(Words.decimal(abs(p)))% from \(before)\(previousYear.map { " in \($0)" } ?? "") to \(value)\(thisYear.map { " in \($0)" } ?? "") (more than the \(Words.decimal((maxChange * Number(100)).doubleValue, places: 0))% allowed)"
        }
    }
}
